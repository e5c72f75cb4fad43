"""A quote as a reader copies it: a quotation when the words are the speaker's own, a
paraphrase ("X said that …") when the article reports them, with where it was read."""

from __future__ import annotations

from tui.model import Annotation, Article, Quote

_VERBATIM = frozenset({"direct"})


def citation(annotation: Annotation, quote: Quote, article: Article) -> str:
    """One line for the clipboard. A direct quote keeps its quotation marks and is credited
    ("“…” — Donald Trump"); any other (indirect, mixed, a belief) is a paraphrase and says
    so: "Donald Trump said that …", never passed off as the speaker's words."""
    speaker = annotation.speaker(quote.speaker_id)
    who = speaker.name if speaker else "an unattributed source"
    text = " ".join(quote.text.split())
    if quote.kind in _VERBATIM:
        line = f"{text} — {who}"
    else:
        cue = " ".join(quote.cue.text.split()) if quote.cue is not None else "said"
        if cue.lower().startswith("according to"):
            line = f"According to {who}, {text} (paraphrase)"
        else:
            joined = text if text.lower().startswith(("that ", "to ", "“", '"')) else f"that {text}"
            line = f"{who} {cue} {joined} (paraphrase)"
    source = article.title or "the article"
    details = ", ".join(part for part in (article.source, article.date) if part)
    line += f", in “{source}”" + (f" ({details})" if details else "")
    if article.url:
        line += f" <{article.url}>"
    return line
