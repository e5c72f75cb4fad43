"""First screen: ``byline ARTICLE`` against a minimal Textual app, both in a real pty.

Each run starts a fresh Python process (so imports count, as they do for a user) with an
empty annotation cache and library, and stops when the article's first words are on the
emulated screen: the reader draws the text before spaCy is imported, with panes pending.
The minimal app is Textual showing one ``Static``; the ratio is what Byline adds.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from tui.bench.figures import Figure
from tui.bench.terminal import PtyScreen

FIRST_SCREEN = "first screen"
FIRST_SCREEN_TARGET = 1.2
SEED_NAME = "seed-trump-zelenskyy-nato.txt"
_MINIMAL_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App):
    def compose(self) -> ComposeResult:
        yield Static("Minimal Textual app ready")


Minimal().run()
"""
_MINIMAL_MARK = "Minimal Textual app ready"


def _first_words(path: Path) -> str:
    from tui.sources import load_path

    words = load_path(path)[0].text.split()
    return " ".join(words[:3])


def measure_first_screen(repeats: int = 5, article: Path | None = None) -> Figure:
    """Median seconds to the reader's first screen over a bare Textual app's, as a ratio."""
    from tui.samples import samples_dir

    seed = article or samples_dir() / SEED_NAME
    mark = _first_words(seed)
    byline_times: list[float] = []
    minimal_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
        home = Path(folder)
        script = home / "minimal_app.py"
        script.write_text(_MINIMAL_APP, encoding="utf-8")
        env = {
            "BYLINE_CACHE_DIR": str(home / "cache"),
            "BYLINE_DB": str(home / "library.db"),
            "BYLINE_CONFIG": str(home / "config.toml"),
        }
        for run in range(repeats + 1):  # the first pair only warms the disk cache
            with PtyScreen([sys.executable, str(script)], env) as minimal:
                minimal_time = minimal.wait_for(_MINIMAL_MARK)
            with PtyScreen([sys.executable, "-m", "tui", str(seed)], env) as reader:
                byline_time = reader.wait_for(mark)
            if run:
                minimal_times.append(minimal_time)
                byline_times.append(byline_time)
    byline = statistics.median(byline_times)
    minimal = statistics.median(minimal_times)
    return Figure(
        name=FIRST_SCREEN,
        value=round(byline / minimal, 3),
        unit="× minimal Textual app",
        target=FIRST_SCREEN_TARGET,
        better="lower",
        detail={
            "byline_seconds": round(byline, 3),
            "minimal_app_seconds": round(minimal, 3),
            "repeats": repeats,
            "article": seed.name,
            "terminal": "80x24 pty, TERM=xterm-256color",
        },
    )
