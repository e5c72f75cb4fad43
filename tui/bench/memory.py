"""Peak memory: annotating the benchmark words, and showing the long article.

Each measurement runs in a fresh Python process (``python -m tui.bench.memory …``) and
reports that process's peak resident set size, so neither inherits the other's memory
nor the benchmark's own. The long article for the display is built and annotated here,
then handed over as JSON through the annotation cache, so the display process never loads
spaCy: it holds what a user's reader holds.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from tui.bench.figures import Figure

MEMORY_ANNOTATE = "memory: annotating"
MEMORY_DISPLAY = "memory: showing"
MEMORY_TARGET_MB = 350.0
PAGES_SCROLLED = 40


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MiB.

    On Linux ``VmHWM`` from ``/proc/self/status``: ``ru_maxrss`` survives ``exec``, so a
    child started by a big parent would report the parent's peak. Elsewhere ``ru_maxrss``
    (KiB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _annotate_child(words: int, model: str | None) -> dict[str, float]:
    from tui.bench.corpus import repeated_samples, word_count
    from tui.nlp import Annotator

    articles = repeated_samples(words)
    before = peak_rss_mb()
    annotator = Annotator(model)
    annotator.nlp  # noqa: B018 - load before, to report the model's share separately
    loaded = peak_rss_mb()
    for _ in annotator.annotate_many(articles):
        pass
    return {
        "peak_mb": peak_rss_mb(),
        "python_mb": before,
        "after_loading_model_mb": loaded,
        "words": sum(word_count(a.text) for a in articles),
    }


def _display_child(annotation_json: str) -> dict[str, float]:
    from tui.bench.interaction import reader_filled
    from tui.cache import AnnotationCache
    from tui.model import Annotation
    from tui.service import engine_key

    annotation = Annotation.from_json(Path(annotation_json).read_text(encoding="utf-8"))
    version, model = engine_key(None)
    AnnotationCache().put(annotation, version, model)

    async def show() -> None:
        from tui.app import BylineApp

        app = BylineApp([annotation.article], model=None)
        async with app.run_test(size=(80, 24)) as pilot:
            while not reader_filled(app):
                await pilot.pause(0.01)
            for _ in range(PAGES_SCROLLED):  # paint a good part of the article
                await pilot.press("pagedown")
            await pilot.press("n", "n", "n")
            await pilot.pause()

    asyncio.run(show())
    return {"peak_mb": peak_rss_mb(), "words": len(annotation.article.text.split())}


def _run_child(*arguments: str, env: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "tui.bench.memory", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"memory probe failed: {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_memory(
    annotate_words: int = 50_000, display_words: int = 20_000, model: str | None = None
) -> tuple[Figure, Figure]:
    """Peak RSS (MB) of a process annotating, and of one showing the long article."""
    from tui.bench.interaction import long_annotation, painted_spans

    with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
        home = Path(folder)
        env = {
            "BYLINE_CACHE_DIR": str(home / "cache"),
            "BYLINE_CONFIG": str(home / "config.toml"),
            "BYLINE_DB": str(home / "library.db"),
        }
        arguments = ["annotate", str(annotate_words)] + (["--model", model] if model else [])
        annotating = _run_child(*arguments, env=env)
        annotation = long_annotation(display_words)
        path = home / "long.json"
        path.write_text(annotation.to_json(), encoding="utf-8")
        showing = _run_child("display", str(path), env=env)
    return (
        Figure(
            name=MEMORY_ANNOTATE,
            value=round(annotating["peak_mb"], 1),
            unit="MB peak RSS",
            target=MEMORY_TARGET_MB,
            better="lower",
            detail={k: round(v, 1) for k, v in annotating.items()},
        ),
        Figure(
            name=MEMORY_DISPLAY,
            value=round(showing["peak_mb"], 1),
            unit="MB peak RSS",
            target=MEMORY_TARGET_MB,
            better="lower",
            detail={
                "words": int(showing["words"]),
                "painted_spans": painted_spans(annotation),
                "pages_scrolled": PAGES_SCROLLED,
            },
        ),
    )


def main(argv: list[str]) -> int:
    """``annotate WORDS [--model M]`` or ``display ANNOTATION.json``: print one JSON line."""
    if argv[:1] == ["annotate"]:
        model = argv[argv.index("--model") + 1] if "--model" in argv else None
        report = _annotate_child(int(argv[1]), model)
    elif argv[:1] == ["display"]:
        report = _display_child(argv[1])
    else:
        print("usage: python -m tui.bench.memory annotate WORDS | display FILE", file=sys.stderr)
        return 2
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
