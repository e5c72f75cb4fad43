"""The ``byline bench`` command: run every figure, print a table (or one JSON object)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.bench.figures import Figure


@dataclass(frozen=True, slots=True)
class Sizes:
    """Input sizes: the issue's for a real run, small ones for the test suite's variant."""

    annotate_words: int
    first_screen_repeats: int
    open_words: int
    open_repeats: int
    interaction_words: int
    interaction_repeats: int
    display_words: int


FULL = Sizes(50_000, 5, 1_000, 9, 20_000, 21, 20_000)
QUICK = Sizes(2_000, 1, 300, 1, 2_000, 3, 2_000)


def add_bench_command(commands: Any) -> None:
    bench = commands.add_parser(
        "bench",
        help="measure speed and memory against spaCy and Textual themselves",
        description=(
            "Measure annotation throughput (vs bare spaCy nlp.pipe on the same texts), the "
            "reader's first screen (vs a minimal Textual app), opening a cached article, "
            "key-to-screen time on a 20,000-word article, and peak memory. Takes a few "
            "minutes; --quick runs tiny inputs to check that everything works."
        ),
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--quick", action="store_true", help="small inputs (seconds, not minutes)")
    bench.add_argument("--model", help="spaCy pipeline to measure (default: the configured one)")
    bench.add_argument(
        "--scale",
        type=_at_least_sixty,
        metavar="N",
        help="measure the library at N articles against 60 instead (synthetic libraries, built"
        " once and kept in the cache; 100,000 takes a while to build)",
    )
    bench.set_defaults(func=cmd_bench)


def _at_least_sixty(value: str) -> int:
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 60:
        raise argparse.ArgumentTypeError("--scale needs at least 60 articles")
    return number


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory = None
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1) if memory else None,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def run_figures(sizes: Sizes, model: str | None, announce: Callable[[str], None]) -> list[Figure]:
    """Every figure, in the issue's order; ``announce`` hears which one is running."""
    from tui.bench.interaction import measure_cached_open, measure_interaction
    from tui.bench.memory import measure_memory
    from tui.bench.startup import measure_first_screen
    from tui.bench.throughput import measure_throughput

    figures: list[Figure] = []
    announce(f"annotation throughput on {sizes.annotate_words:,} words")
    figures.append(measure_throughput(sizes.annotate_words, model))
    announce("first screen (real processes in a pseudo-terminal)")
    figures.append(measure_first_screen(sizes.first_screen_repeats))
    announce(f"cached open of a {sizes.open_words:,}-word article")
    figures.append(measure_cached_open(sizes.open_words, sizes.open_repeats))
    announce(f"key to screen on a {sizes.interaction_words:,}-word article")
    figures.append(measure_interaction(sizes.interaction_words, sizes.interaction_repeats))
    announce("peak memory (fresh processes)")
    figures.extend(measure_memory(sizes.annotate_words, sizes.display_words, model))
    return figures


def _format(value: float, unit: str) -> str:
    if unit.startswith("×"):
        return f"{value:.2f} {unit}"
    return f"{value:,.3g} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def print_table(figures: list[Figure], about: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="byline bench", title_justify="left")
    table.add_column("Figure")
    table.add_column("Measured", justify="right")
    table.add_column("Target", justify="right")
    table.add_column("Result")
    for figure in figures:
        sign = "≥" if figure.better == "higher" else "≤"
        table.add_row(
            figure.name,
            _format(figure.value, figure.unit),
            f"{sign} {figure.target:g}",
            "[green]pass[/]" if figure.passed else "[red]FAIL[/]",
        )
    console = Console()
    console.print(table)
    for figure in figures:
        details = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in figure.detail.items())
        console.print(f"[bold]{figure.name}[/]: {details}", highlight=False, markup=True)
    console.print(
        f"machine: {about['cores']} cores, {about['memory_gib']} GiB, Python {about['python']}, "
        f"{about['platform']}",
        highlight=False,
    )


def cmd_bench(args: argparse.Namespace) -> int:
    from rich.console import Console

    sizes = QUICK if args.quick else FULL
    status = Console(stderr=True)
    with status.status("measuring…") as spinner:
        if args.scale:
            from tui.bench.scale import run_scale

            figures = run_scale(
                args.scale, lambda what: spinner.update(f"{what}…"), model=args.model
            )
        else:
            figures = run_figures(
                sizes, args.model, lambda what: spinner.update(f"measuring {what}…")
            )
    about = machine()
    if args.json:
        report = {
            "machine": about,
            "quick": args.quick,
            "scale": args.scale,
            "figures": [f.to_dict() for f in figures],
            "passed": all(f.passed for f in figures),
        }
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    else:
        print_table(figures, about)
    return 0
