"""``byline annotate`` (articles to JSON, JSON Lines or text) and ``byline eval``
(scoring the engine on gold quotes, MEANTIME, PolNeAR or TimeML), with their subparsers.

spaCy (via :mod:`tui.nlp`) is imported only inside the commands, never at module import.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    MODEL_HELP,
    STDIN,
    CommandError,
    _console,
    error,
    warn,
)
from tui.cli.inputs import expand_inputs, load_input, parse_date

if TYPE_CHECKING:
    from rich.console import Console

    from tui.model import Article
    from tui.nlp import Annotator


def cmd_annotate(args: argparse.Namespace) -> int:
    """Read every input first (reporting bad ones), then annotate the rest with one model."""
    date = parse_date(args.date)
    articles: list[Article] = []
    undated: list[str] = []  # said once the articles are annotated
    failed = False
    requested = 0
    for item in expand_inputs(args.paths):
        if isinstance(item, CommandError):
            error(str(item))
            failed = True
            continue
        requested += 1
        try:
            loaded = load_input(item, date)
        except CommandError as exc:
            error(str(exc))
            failed = True
            continue
        articles.extend(loaded)
        undated.extend(_undated_notice(item.name, a) for a in loaded if a.date is None)
    if articles:
        # One indented object only when exactly one file was named; anything plural is
        # JSON Lines, so its shape never depends on how many inputs happened to fail.
        single = (
            len(args.paths) == 1
            and requested == 1
            and len(articles) == 1
            and not _is_dir(args.paths[0])
        )
        write_annotations(articles, args.format, args.model, pretty=single)
        for notice in undated:
            warn(notice)
    return EXIT_FAILURE if failed else EXIT_OK


def _undated_notice(name: str, article: Article) -> str:
    """One line saying an article has no date and what that costs."""
    which = f" ({article.title})" if article.title and name == STDIN else ""
    return (
        f"{name}{which}: no publication date (none in its header or first lines), so times "
        "like “Wednesday” stay unresolved; give one with --date YYYY-MM-DD"
    )


def _is_dir(argument: str) -> bool:
    return argument != STDIN and Path(argument).is_dir()


def _make_annotator(model: str | None) -> Annotator:
    from tui.config import ConfigError
    from tui.nlp import Annotator

    try:
        return Annotator(model)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None


def write_annotations(
    articles: list[Article], output_format: str, model: str | None, *, pretty: bool
) -> None:
    """Annotate and print each article as soon as it is done (input order)."""
    from tui.nlp.pipeline import ModelNotAvailable

    annotator = _make_annotator(model)
    out = sys.stdout
    console = _console() if output_format == "text" else None
    try:
        for index, annotation in enumerate(annotator.annotate_many(articles)):
            if console is not None:
                from tui.render_text import render_annotation

                if index:
                    console.rule(style="dim")
                render_annotation(annotation, console)
            elif output_format == "json" and pretty:
                out.write(annotation.to_json(indent=2) + "\n")
            else:
                out.write(annotation.to_json() + "\n")
            out.flush()
    except ModelNotAvailable as exc:
        raise CommandError(str(exc)) from None


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the engine on a gold file; with ``--min-f1``, fail below that lenient F1."""
    given = [args.gold, args.meantime, args.polnear, args.timeml]
    if sum(value is not None for value in given) != 1:
        raise CommandError(
            "eval needs exactly one of GOLD.jsonl, --meantime DIR, --polnear DIR, --timeml DIR"
        )
    for option in _DATASETS:
        if getattr(args, option) is not None:
            return _eval_dataset(args, option)

    from tui.evaluation import evaluate

    if args.min_f1 is not None and not 0 <= args.min_f1 <= 100:
        raise CommandError(f"--min-f1 {args.min_f1}: expected a number from 0 to 100")
    if args.corpus is not None and not Path(args.corpus).is_dir():
        raise CommandError(f"{args.corpus}: not a directory")
    from tui.render_text import render_eval_report

    report = _run_report(
        lambda annotator: evaluate(
            args.gold, annotator, corpus=args.corpus, warn=warn, only=args.only or ()
        ),
        render_eval_report,
        args,
    )
    f1 = report.total.lenient[2]
    if args.min_f1 is not None and f1 < args.min_f1:
        error(f"lenient F1 {f1:.1f} is below --min-f1 {args.min_f1:g}")
        return EXIT_FAILURE
    return EXIT_OK


_DATASETS = ("meantime", "polnear", "timeml")
"""``eval --NAME DIR``: scored by ``tui.evaluation.NAME.evaluate_NAME`` and printed by
``tui.render_text.render_NAME_report`` (MEANTIME events, times and cross-document links;
PolNeAR attribution spans; TimeML time expressions)."""


def _eval_dataset(args: argparse.Namespace, option: str) -> int:
    """Score on a gold folder (MEANTIME, PolNeAR or TimeML), whose report says what it is."""
    import importlib

    from tui import render_text

    folder = getattr(args, option)
    for other, value in (
        ("--corpus", args.corpus),
        ("--min-f1", args.min_f1),
        ("--only", args.only),
    ):
        if value is not None:
            raise CommandError(f"{other} applies to GOLD.jsonl quote gold, not --{option}")
    if not Path(folder).is_dir():
        raise CommandError(f"{folder}: not a directory")
    evaluate = getattr(importlib.import_module(f"tui.evaluation.{option}"), f"evaluate_{option}")
    render = getattr(render_text, f"render_{option}_report")
    _run_report(lambda annotator: evaluate(folder, annotator, warn=warn), render, args)
    return EXIT_OK


def _run_report(
    score: Callable[[Annotator], Any],
    render: Callable[[Any, Console], None],
    args: argparse.Namespace,
) -> Any:
    """Annotate and score with one model, then print the report as JSON or tables."""
    import json

    from tui.evaluation import GoldError
    from tui.nlp.pipeline import ModelNotAvailable

    annotator = _make_annotator(args.model)
    try:
        report = score(annotator)
    except (GoldError, ModelNotAvailable) as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        render(report, _console())
    sys.stdout.flush()
    return report


def add_annotate_commands(subcommands: Any) -> None:
    """``annotate`` and ``eval``: the commands that run the engine without the library."""
    annotate = subcommands.add_parser(
        "annotate",
        help="annotate articles: speakers, quotes and cues",
        description=(
            "Annotate plain-text articles. One file with the default json format prints one "
            "indented JSON object; several inputs (or a directory, or --format jsonl) print "
            "one compact JSON object per line, in input order."
        ),
    )
    annotate.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article file, directory of .txt articles, or - for stdin",
    )
    annotate.add_argument("--format", choices=("json", "jsonl", "text"), default="json")
    annotate.add_argument("--model", help=MODEL_HELP)
    annotate.add_argument(
        "--date", metavar="YYYY-MM-DD", help="publication date for inputs that state none"
    )
    annotate.set_defaults(func=cmd_annotate)

    evaluation = subcommands.add_parser(
        "eval",
        help="score quote extraction (gold JSONL) or events and times (MEANTIME)",
        description=(
            "Score quote extraction against gold quotes, or events, participants, time "
            "expressions and cross-document event links against MEANTIME XML (see shared "
            "eval/README.md). Give exactly one of GOLD.jsonl and --meantime DIR."
        ),
    )
    evaluation.add_argument("gold", metavar="GOLD.jsonl", nargs="?")
    evaluation.add_argument(
        "--meantime",
        metavar="DIR",
        help="score on the MEANTIME .xml documents under DIR (searched recursively)",
    )
    evaluation.add_argument(
        "--only",
        action="append",
        metavar="GLOB",
        help="GOLD.jsonl only: score just the articles whose file name matches (repeatable; "
        "DEVELOPERS.md gives the tuning and validation splits)",
    )
    evaluation.add_argument(
        "--polnear",
        metavar="DIR",
        help="score attribution spans on a PolNeAR split (DIR with text/ and attributions/, "
        "e.g. PolNeAR's data/dev; its test split is held out)",
    )
    evaluation.add_argument(
        "--timeml",
        metavar="DIR",
        help="score time expressions on the TimeML .tml files under DIR (e.g. TempEval-3's "
        "TBAQ-cleaned training data; its platinum set is held out)",
    )
    evaluation.add_argument(
        "--corpus", metavar="DIR", help="load each article from DIR/<file> instead of the gold text"
    )
    evaluation.add_argument("--model", help=MODEL_HELP)
    evaluation.add_argument("--json", action="store_true", help="print one JSON object")
    evaluation.add_argument(
        "--min-f1",
        type=float,
        metavar="X",
        help="exit 1 when the lenient quote F1 is below X (GOLD.jsonl only)",
    )
    evaluation.set_defaults(func=cmd_eval)
