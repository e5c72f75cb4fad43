"""The article library: storage (:mod:`tui.library.db`) and reports.

Annotating into it has one path, :func:`tui.library.batch.index` (``byline add``, ``feed
refresh``, ``export``, ``index`` and the app via :func:`tui.service.index_library`): it
runs the engine only for articles with no stored annotation by this engine version and
model, so reopening a library (or adding the same files again) never loads spaCy.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from tui.library.db import (
    DB_ENV,
    MIGRATIONS,
    ArticleRow,
    Feed,
    Hit,
    Library,
    LibraryError,
    Person,
    Story,
    StorySummary,
    default_db_path,
)
from tui.model import Annotation, Quote
from tui.render_text import clean

__all__ = [
    "DB_ENV",
    "EXPORT_FORMATS",
    "MIGRATIONS",
    "ArticleRow",
    "Feed",
    "Hit",
    "Library",
    "LibraryError",
    "Person",
    "Story",
    "StorySummary",
    "default_db_path",
    "export_annotation",
]

# -- reports ---------------------------------------------------------------------------

EXPORT_FORMATS = ("json", "md", "html")
UNDATED_EVENTS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class _Report:
    """The parts of an export, in the order both text formats show them."""

    title: str
    meta: list[str]
    speakers: list[tuple[str, str, int, str]]  # name, role, quote count, first quote
    by_speaker: list[tuple[str, list[Quote]]]
    timeline: list[tuple[str, str, str]]  # when, what, status


def _report(annotation: Annotation) -> _Report:
    from tui.timeline import timeline

    article = annotation.article
    meta = [v for v in (article.date, article.source, article.url) if v]
    speakers = []
    by_speaker = []
    for speaker in annotation.speakers:
        quotes = list(annotation.quotes_of(speaker.id))
        if not quotes:
            continue
        role = ", ".join(v for v in (speaker.role, speaker.country) if v)
        speakers.append((speaker.name, role, len(quotes), _one_line(quotes[0].text)))
        by_speaker.append((speaker.name, quotes))
    speakers.sort(key=lambda s: -s[2])
    orphans = [q for q in annotation.quotes if annotation.speaker(q.speaker_id) is None]
    if orphans:
        by_speaker.append(("(unattributed)", orphans))
    line = timeline(annotation)
    events = [(e.value or "", e.event) for e in line.dated]
    events += [("undated", e.event) for e in line.undated[:UNDATED_EVENTS_SHOWN]]
    rows = [
        (
            when,
            _one_line(event.sentence.text if event.sentence else event.trigger.text),
            event.status,
        )
        for when, event in events
    ]
    return _Report(article.title or "(untitled)", meta, speakers, by_speaker, rows)


def _one_line(text: str) -> str:
    """One line with no character a terminal acts on (exports are often just printed)."""
    return clean(text, single_line=True)


# Markdown that article text could use to make a link, image, code, emphasis or table
# cell; backslash-escaping ASCII punctuation always makes it literal (CommonMark).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!])")
# Block markers at the start of a line (the meta line is the only value that starts one).
_MD_LINE_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)](?:\s|$)))")


def _md(text: str) -> str:
    """Text safe in Markdown: shown as written, never HTML, a link, an image or markup.

    ``<``, ``>`` and ``&`` become entities (no raw HTML, no ``<http://…>`` autolink, no
    entity smuggling); the punctuation that builds links and emphasis is backslash-escaped.
    A bare URL stays text that a renderer may autolink: its target is what it shows.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(_one_line(text), quote=False))
    return _MD_LINE_START.sub(
        lambda m: m.group() + "\\" if m.group()[0].isdigit() else "\\" + m.group(), escaped
    )


def render_markdown(annotation: Annotation) -> str:
    report = _report(annotation)
    out = [f"# {_md(report.title)}", ""]
    if report.meta:
        out += [" · ".join(_md(m) for m in report.meta), ""]
    out += ["## Who said what", ""]
    if report.speakers:
        out += ["| Speaker | Role | Quotes | First quote |", "|---|---|---:|---|"]
        out += [f"| {_md(n)} | {_md(r)} | {c} | {_md(q)} |" for n, r, c, q in report.speakers]
    else:
        out.append("No attributed quotes.")
    out.append("")
    if report.by_speaker:
        out += ["## Quotes by speaker", ""]
        for name, quotes in report.by_speaker:
            out += [f"### {_md(name)}", ""]
            out += [f"- {_md(q.text)} ({_md(q.kind)})" for q in quotes]
            out.append("")
    out += ["## Timeline", ""]
    out += [
        f"- **{_md(when)}**: {_md(what)} ({_md(status)})" for when, what, status in report.timeline
    ]
    if not report.timeline:
        out.append("No events.")
    return "\n".join(out).rstrip() + "\n"


def render_html(annotation: Annotation) -> str:
    """A standalone HTML page; every piece of article text goes through ``html.escape``
    (quotes too) after its control characters are replaced, as in the other exports."""

    def e(text: str) -> str:
        return html.escape(_one_line(text))

    report = _report(annotation)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(report.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em}</style>",
        "</head><body>",
        f"<h1>{e(report.title)}</h1>",
    ]
    if report.meta:
        out.append(f"<p>{' · '.join(e(m) for m in report.meta)}</p>")
    out.append("<h2>Who said what</h2>")
    if report.speakers:
        out.append(
            "<table><tr><th>Speaker</th><th>Role</th><th>Quotes</th><th>First quote</th></tr>"
        )
        out += [
            f"<tr><td>{e(n)}</td><td>{e(r)}</td><td>{c}</td><td>{e(q)}</td></tr>"
            for n, r, c, q in report.speakers
        ]
        out.append("</table>")
    else:
        out.append("<p>No attributed quotes.</p>")
    if report.by_speaker:
        out.append("<h2>Quotes by speaker</h2>")
        for name, quotes in report.by_speaker:
            out.append(f"<h3>{e(name)}</h3><ul>")
            out += [f"<li>{e(q.text)} ({e(q.kind)})</li>" for q in quotes]
            out.append("</ul>")
    out.append("<h2>Timeline</h2>")
    if report.timeline:
        out.append("<ul>")
        out += [
            f"<li><strong>{e(when)}</strong>: {e(what)} ({e(status)})</li>"
            for when, what, status in report.timeline
        ]
        out.append("</ul>")
    else:
        out.append("<p>No events.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def export_annotation(annotation: Annotation, output_format: str) -> str:
    """The annotation as JSON, a Markdown report or an HTML report, safe to print.

    The JSON is :meth:`Annotation.to_json` with C1, bidi and lone-surrogate characters
    written as ``\\u`` escapes: the same document to ``json.loads``, harmless on a terminal.
    """
    if output_format == "json":
        return annotation.to_json(indent=2) + "\n"
    if output_format == "md":
        return render_markdown(annotation)
    if output_format == "html":
        return render_html(annotation)
    raise ValueError(f"unknown export format {output_format!r}")
