"""Plain-terminal renderings with rich: the who-said-what summary and the eval report.

Article text is untrusted: a feed or file can carry rich markup ("[link=…]") or terminal
escape sequences. Every article-derived string therefore goes through :func:`clean` and
into a :class:`rich.text.Text` (which rich never parses as markup); markup strings are used
only for our own constant labels.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from tui.highlight import REPLACEMENT, UNSAFE
from tui.model import QUOTE_KINDS, Annotation, Quote
from tui.textfit import cut

if TYPE_CHECKING:
    from tui.evaluation.meantime import DocumentScore, MeantimeReport
    from tui.evaluation.polnear import PolnearReport
    from tui.evaluation.quotes import ArticleScore, EvalReport
    from tui.evaluation.timeml import TimemlReport

QUOTE_MAX_CHARS = 300
CELL_MAX_CHARS = 60
_WHITESPACE = re.compile(r"\s+")


def clean(text: str | None, *, single_line: bool = False, limit: int | None = None) -> str:
    """``text`` safe to print: the characters :func:`tui.highlight.displayable` replaces
    are replaced the same way (line breaks kept unless ``single_line``), optionally cut."""
    if not text:
        return ""
    text = UNSAFE.sub(REPLACEMENT, text.replace("\r\n", "\n"))
    if single_line:
        text = _WHITESPACE.sub(" ", text).strip()
    if limit is not None:
        text = cut(text, limit)
    return text


def _speaker_label(annotation: Annotation, quote: Quote) -> Text:
    speaker = annotation.speaker(quote.speaker_id)
    if speaker is None:
        label = Text("(unattributed)", style="dim italic")
    else:
        label = Text(clean(speaker.name, single_line=True, limit=CELL_MAX_CHARS), style="bold")
    mention = quote.speaker_mention
    if mention is not None and (
        speaker is None or mention.text.strip().casefold() != speaker.name.strip().casefold()
    ):
        shown = clean(mention.text, single_line=True, limit=CELL_MAX_CHARS)
        label.append_text(Text.assemble(" (as “", (shown, "italic"), "”)", style="dim"))
    return label


def render_annotation(annotation: Annotation, console: Console) -> None:
    """Print who said what in one article: a header, the speakers, then every quote in order."""
    article = annotation.article
    title = clean(article.title, single_line=True) or "(untitled)"
    console.print(Text(title, style="bold"))
    meta = [clean(v, single_line=True) for v in (article.date, article.source) if v]
    if meta:
        console.print(Text(" · ".join(meta), style="dim"))

    quotes = sorted(annotation.quotes, key=lambda q: (q.start, q.end))
    counts = {s.id: len(annotation.quotes_of(s.id)) for s in annotation.speakers}
    speakers = sorted(annotation.speakers, key=lambda s: -counts[s.id])  # stable: engine order
    console.print()
    if speakers:
        table = Table(title=Text(f"Speakers ({len(speakers)})", style="bold"), title_justify="left")
        table.add_column("Speaker")
        table.add_column("Kind")
        table.add_column("Role")
        table.add_column("Quotes", justify="right")
        table.add_column("Also called")
        for speaker in speakers:
            aliases = [a for a in speaker.aliases if a != speaker.name]
            table.add_row(
                Text(clean(speaker.name, single_line=True, limit=CELL_MAX_CHARS)),
                Text(clean(speaker.kind, single_line=True)),
                Text(clean(speaker.role, single_line=True, limit=CELL_MAX_CHARS)),
                Text(str(counts[speaker.id])),
                Text(clean(", ".join(aliases), single_line=True, limit=CELL_MAX_CHARS)),
            )
        console.print(table)
    else:
        console.print(Text("No speakers found.", style="dim"))

    console.print()
    if not quotes:
        console.print(Text("No quotes found.", style="dim"))
        return
    console.print(Text(f"Quotes ({len(quotes)})", style="bold"))
    for quote in quotes:
        line = _speaker_label(annotation, quote)
        details = [quote.kind]
        if quote.cue is not None:
            details.insert(0, f"“{clean(quote.cue.text, single_line=True, limit=40)}”")
        line.append_text(Text(" — " + ", ".join(details), style="dim"))
        # Wrapped and indented here: rich would pad indented lines with trailing spaces.
        wrapped = textwrap.fill(
            clean(quote.text, single_line=True, limit=QUOTE_MAX_CHARS),
            width=max(console.width - 2, 20),
            initial_indent="  ",
            subsequent_indent="  ",
            break_on_hyphens=False,
        )
        body = Text(wrapped, style="italic" if quote.kind == "direct" else "", justify="default")
        console.print(Group(line, body))
    _render_timeline(annotation, console)


TIMELINE_MAX_ROWS = 15


def _render_timeline(annotation: Annotation, console: Console) -> None:
    """The article's most salient dated events (not statements: the quotes show those),
    in time order."""
    from tui.timeline import timeline

    line = timeline(annotation)
    typed = [e for e in line.dated if e.event.type not in {"other", "statement"}]
    chosen = sorted(typed, key=lambda e: -e.event.salience)[:TIMELINE_MAX_ROWS]
    rows = [e for e in line.dated if e in chosen]
    if not rows:
        return
    console.print()
    table = Table(title=Text(f"Timeline ({len(rows)})", style="bold"), title_justify="left")
    table.add_column("When")
    table.add_column("Type")
    table.add_column("Event")
    table.add_column("Who")
    entities = {e.id: e.name for e in annotation.entities}
    speakers = {s.id: s.name for s in annotation.speakers}
    for entry in rows:
        event = entry.event
        who = []
        for participant in event.participants:
            name = speakers.get(participant.ref or "") or entities.get(participant.ref or "")
            if name and name not in who:
                who.append(name)
        when = entry.value or ""
        if entry.anchor == "publication":
            when += " (published)"
        words = [event.trigger.text, *(m.text for m in event.mentions)]
        table.add_row(
            Text(clean(when, single_line=True)),
            Text(clean(event.type, single_line=True)),
            Text(clean(" / ".join(dict.fromkeys(words)), single_line=True, limit=CELL_MAX_CHARS)),
            Text(clean(", ".join(who), single_line=True, limit=CELL_MAX_CHARS)),
        )
    console.print(table)


# -- eval report ------------------------------------------------------------------------


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def render_eval_report(report: EvalReport, console: Console) -> None:
    """Print an eval report: overall metrics, per-kind recall, then one row per article."""
    total = report.total
    header = Text.assemble(
        ("Quote extraction", "bold"),
        " — ",
        clean(report.gold_path, single_line=True),
        (f"  ({clean(report.model, single_line=True) or 'unknown model'})", "dim"),
    )
    console.print(header)

    overall = Table(title=Text("Overall", style="bold"), title_justify="left")
    overall.add_column("Match")
    overall.add_column("Precision", justify="right")
    overall.add_column("Recall", justify="right")
    overall.add_column("F1", justify="right")
    overall.add_column("Matched", justify="right")
    for label, matched, (precision, recall, f1) in (
        ("lenient (≥30 %)", total.matched, total.lenient),
        ("strict (≥80 %)", total.matched_strict, total.strict),
    ):
        overall.add_row(
            label, _number(precision), _number(recall), _number(f1), f"{matched}/{total.gold}"
        )
    console.print(overall)
    console.print(
        Text(
            f"gold {total.gold}, predicted {total.predicted}, matched {total.matched} "
            f"(strict {total.matched_strict})"
        )
    )

    on_matches = Table(title=Text("On lenient matches", style="bold"), title_justify="left")
    on_matches.add_column("Speaker mention", justify="right")
    on_matches.add_column("Resolved speaker", justify="right")
    on_matches.add_column("Cue verb", justify="right")
    on_matches.add_row(
        _number(total.speaker_mention_accuracy),
        _number(total.resolved_accuracy),
        _number(total.cue_accuracy),
    )
    console.print(on_matches)

    kinds = Table(title=Text("Recall by kind", style="bold"), title_justify="left")
    kinds.add_column("Kind")
    kinds.add_column("Gold", justify="right")
    kinds.add_column("Recall", justify="right")
    kinds.add_column("Strict", justify="right")
    for kind in (*QUOTE_KINDS, *sorted(set(total.gold_by_kind) - set(QUOTE_KINDS))):
        kinds.add_row(
            Text(clean(kind, single_line=True)),
            str(total.gold_by_kind[kind]),
            _number(total.kind_recall(kind)),
            _number(total.kind_recall(kind, strict=True)),
        )
    console.print(kinds)
    console.print(_articles_table(report.articles))


def _articles_table(scores: list[ArticleScore]) -> Table:
    table = Table(
        title=Text("Per article", style="bold"),
        title_justify="left",
        caption=Text("Who: resolved-speaker accuracy; Cue: cue-verb accuracy (lenient matches)"),
        caption_justify="left",
    )
    longest = max((len(score.id) for score in scores), default=0)
    table.add_column("Article", min_width=min(longest, CELL_MAX_CHARS // 2))
    for name in ("Gold", "Pred", "P", "R", "F1", "Strict", "Who", "Cue"):
        table.add_column(name, justify="right")
    for score in scores:
        precision, recall, f1 = score.lenient
        table.add_row(
            Text(clean(score.id, single_line=True, limit=CELL_MAX_CHARS)),
            str(score.gold),
            str(score.predicted),
            _number(precision),
            _number(recall),
            _number(f1),
            _number(score.strict[2]),
            _number(score.resolved_accuracy),
            _number(score.cue_accuracy),
        )
    return table


# -- MEANTIME report ----------------------------------------------------------------------


def _f1(values: tuple[float, float, float] | None, *counts: int) -> str:
    """The F1 of ``values``; "—" when there is none, or nothing was there to find or found."""
    if values is None or (counts and not any(counts)):
        return "—"
    return _number(values[2])


def _heading(title: str, gold_path: str, model: str) -> Text:
    """A report's first line: what is scored, on which gold, by which model."""
    return Text.assemble(
        (title, "bold"),
        " — ",
        clean(gold_path, single_line=True),
        (f"  ({clean(model, single_line=True) or 'unknown model'})", "dim"),
    )


def render_polnear_report(report: PolnearReport, console: Console) -> None:
    """Print a PolNeAR report: exact-match precision, recall and F1 per role."""
    from tui.evaluation.polnear import role_rows

    console.print(
        _heading("Attribution spans (PolNeAR, exact match)", report.gold_path, report.model)
    )
    table = Table(box=None, pad_edge=False)
    for column in ("role", "precision", "recall", "F1", "gold", "predicted", "matched"):
        table.add_column(column, justify="left" if column == "role" else "right")
    for role, counts in role_rows(report):
        values = counts.to_dict()
        table.add_row(
            role,
            f"{values['precision']:.1f}",
            f"{values['recall']:.1f}",
            f"{values['f1']:.1f}",
            str(counts.gold),
            str(counts.predicted),
            str(counts.matched),
        )
    console.print(table)
    console.print(f"{report.documents} documents", style="dim")


def render_timeml_report(report: TimemlReport, console: Console) -> None:
    """Print a TimeML report: spans and values overall and per folder (TimeBank, AQUAINT)."""
    title = "Time expressions (TimeML, TempEval-3 scoring)"
    console.print(_heading(title, report.gold_path, report.model))
    table = Table(box=None, pad_edge=False)
    for column in ("part", "docs", "relaxed F1", "strict F1", "value F1", "value acc", "gold"):
        table.add_column(column, justify="left" if column == "part" else "right")
    rows = [*report.parts.items(), ("all", report.total)]
    for name, counts in rows:
        values = counts.to_dict()
        accuracy = values["value_accuracy"]
        table.add_row(
            clean(name, single_line=True),
            "" if name != "all" else str(report.documents),
            f"{values['relaxed']['f1']:.1f}",
            f"{values['strict']['f1']:.1f}",
            f"{values['value']['f1']:.1f}",
            "-" if accuracy is None else f"{accuracy:.1f}",
            str(counts.gold),
        )
    console.print(table)


def render_meantime_report(report: MeantimeReport, console: Console) -> None:
    """Print a MEANTIME report: overall metrics, then one row per topic and per document."""
    total = report.total
    console.print(_heading("Events and times (MEANTIME)", report.gold_path, report.model))

    overall = Table(
        title=Text("Overall", style="bold"),
        title_justify="left",
        caption=Text(f"Scored on {clean(report.region, single_line=True)}"),
        caption_justify="left",
    )
    overall.add_column("Metric")
    overall.add_column("Precision", justify="right")
    overall.add_column("Recall", justify="right")
    overall.add_column("F1", justify="right")
    overall.add_column("Matched", justify="right")
    overall.add_row(
        "event triggers",
        *map(_number, total.events),
        f"{total.events_matched}/{total.events_gold} (of {total.events_predicted})",
    )
    overall.add_row(
        "timex spans",
        *map(_number, total.timex),
        f"{total.timex_matched}/{total.timex_gold} (of {total.timex_predicted})",
    )
    linking = report.linking
    if linking is None:
        overall.add_row("cross-doc linking (pairs)", "—", "—", "—", "not scored")
    else:
        overall.add_row(
            "cross-doc linking (pairs)",
            *map(_number, linking.prf),
            f"{linking.correct_pairs}/{linking.gold_pairs} (of {linking.predicted_pairs})",
        )
    console.print(overall)

    on_matches = Table(title=Text("On matches", style="bold"), title_justify="left")
    on_matches.add_column("Participant recall", justify="right")
    on_matches.add_column("Timex value accuracy", justify="right")
    on_matches.add_row(
        f"{_number(total.participant_recall)} "
        f"({total.participants_found}/{total.participants_gold})",
        f"{_number(total.timex_value_accuracy)} "
        f"({total.timex_value_correct}/{total.timex_matched})",
    )
    console.print(on_matches)

    topics = Table(
        title=Text("Per topic", style="bold"),
        title_justify="left",
        caption=Text("F1 for events, timexes and linking; participant recall; value accuracy"),
        caption_justify="left",
    )
    topics.add_column("Topic")
    for name in ("Docs", "Events", "Particip.", "Timex", "Values", "Linking"):
        topics.add_column(name, justify="right")
    for name, score in report.topics.items():
        link = report.topic_linking.get(name)
        topics.add_row(
            Text(clean(name, single_line=True)),
            str(score.documents),
            _f1(score.events),
            _number(score.participant_recall),
            _f1(score.timex),
            _number(score.timex_value_accuracy),
            _f1(None if link is None else link.prf),
        )
    console.print(topics)
    console.print(_documents_table(report.documents))


def _documents_table(scores: list[DocumentScore]) -> Table:
    table = Table(title=Text("Per document", style="bold"), title_justify="left")
    table.add_column("Document", max_width=CELL_MAX_CHARS // 2)
    for name in ("Gold", "Pred", "Events", "Particip.", "Timex", "Values"):
        table.add_column(name, justify="right")
    for score in scores:
        table.add_row(
            Text(clean(score.id, single_line=True, limit=CELL_MAX_CHARS // 2)),
            str(score.events_gold),
            str(score.events_predicted),
            _f1(score.events, score.events_gold, score.events_predicted),
            _number(score.participant_recall),
            _f1(score.timex, score.timex_gold, score.timex_predicted),
            _number(score.timex_value_accuracy),
        )
    return table
