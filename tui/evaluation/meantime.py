"""Scoring events, time expressions and cross-document event links against NewsReader MEANTIME.

MEANTIME (Minard et al., LREC 2016) ships each Wikinews article as NAF-like XML: numbered
tokens, markables anchored to token ids (event and entity mentions, TIMEX3, values) and
relations between them (``REFERS_TO`` mention → instance, with a corpus-wide ``instance_id``
for cross-document identity; ``HAS_PARTICIPANT`` event mention → argument with a PropBank
role). The reader rebuilds each document's text from its tokens, keeping every token's
character offsets, so gold markables become exact spans of the text the engine annotates.

Only the start of each document is exhaustively annotated; markables further down were added
at the corpus level for cross-document links only. We score inside the annotated region:
sentence 0 (title), 1 (dateline) and body sentences 2–5, extended when a document carries
document-level annotation further on (``corpus_airbus/8983``, whose sentence 2 fused an image
caption with the lead, is annotated through sentence 6). Time expressions on the dateline (the
CREATION_TIME timex, and in ``8951`` a plain one) are left out of timex scoring on both sides:
the dateline is metadata that the engine reads as the publication date, not body text.
Cross-document linking is the exception: it is judged over every gold event mention of a
corpus-level instance, in the whole document, because the corpus-level annotation marks every
mention of a cross-document instance and the region alone holds too few (three instances).

Scoring is pure (:func:`score_document`, :func:`score_linking`) so tests can score
hand-built annotations without loading spaCy; rates follow :mod:`tui.evaluation.quotes`
(×100, micro-averaged, an empty denominator scores 0 for P/R/F1 and None for accuracies).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path
from typing import Any, TypeAlias

from tui.evaluation.counts import Counts, percent, prf, prf_dict, rounded
from tui.evaluation.quotes import GoldError, SupportsAnnotateMany
from tui.model import Annotation, Article, Span

TITLE_SENTENCE = 0
DATELINE_SENTENCE = 1
LAST_ANNOTATED_SENTENCE = 5  # the README: title, dateline and body sentences 2–5
REGION = (
    "title, dateline and body sentences 2-5 (further where document-level markables show "
    "more was annotated); dateline time expressions excluded; cross-document links over "
    "every instance-linked event mention"
)
MAX_FILE_BYTES = 20 * 1024 * 1024

# Token joining: the tokens are Penn-Treebank-like, so rebuild readable text by leaving out
# the space before closing punctuation and clitics and after opening punctuation and
# currency signs. Straight double quotes alternate between opening and closing.
_NO_SPACE_BEFORE = frozenset(
    {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'", "...", "”", "’", "n't"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "``", "“", "‘", "$", "US$", "#"})
_CLITICS = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
_SENTENCE_FINAL = (".", "!", "?", '"', "''", "”", "’", ")", "]", "...")

Pieces: TypeAlias = tuple[tuple[int, int], ...]


class MeantimeError(GoldError):
    """A MEANTIME file cannot be used; the message is fit to show on one line."""


# -- gold records -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    """One gold token and where it lies in the rebuilt text (``text[start:end] == word``)."""

    t_id: int
    sentence: int
    number: int
    word: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Markable:
    """A gold markable: its tag, tokens, character pieces and XML attributes.

    A markable may skip tokens ("obtained … published"), so it is a tuple of ``pieces``, one
    ``(start, end)`` per run of consecutive tokens; ``t_ids`` is empty (and so are the
    pieces) for a TIMEX3 that only serves as an anchor value. ``instance_ids`` are the
    corpus-level EVENT/ENTITY instances it refers to (one mention may name two).
    """

    m_id: str
    tag: str
    t_ids: tuple[int, ...]
    pieces: Pieces
    sentence: int | None
    attributes: tuple[tuple[str, str], ...] = ()
    instance_ids: tuple[str, ...] = ()
    instance_class: str = ""

    def get(self, name: str, default: str = "") -> str:
        """An XML attribute ("pred", "tense", "value", "functionInDocument", …)."""
        return next((value for key, value in self.attributes if key == name), default)

    @property
    def document_level(self) -> bool:
        """Whether it was annotated at the document level (corpus-level additions bear only
        an ``m_id``): only document-level annotation is exhaustive."""
        return any(key != "m_id" for key, _ in self.attributes)

    @property
    def start(self) -> int:
        return self.pieces[0][0] if self.pieces else -1

    @property
    def end(self) -> int:
        return self.pieces[-1][1] if self.pieces else -1

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.pieces)


@dataclass(frozen=True, slots=True)
class GoldParticipant:
    """A ``HAS_PARTICIPANT`` link: event mention ``event`` has argument ``target``."""

    event: str
    target: str
    sem_role: str
    framework: str = ""


@dataclass(frozen=True, slots=True)
class MeantimeDocument:
    """One MEANTIME document: rebuilt text, tokens, markables and the links we score."""

    name: str
    topic: str
    doc_id: str
    url: str | None
    text: str
    title: str
    date: str | None
    tokens: tuple[Token, ...]
    markables: tuple[Markable, ...]
    participants: tuple[GoldParticipant, ...]
    last_annotated_sentence: int
    region_end: int
    dateline: tuple[int, int]

    def article(self) -> Article:
        """The article the engine annotates: exactly the rebuilt text and its metadata."""
        return Article.from_text(self.text, title=self.title, date=self.date, url=self.url)

    def markable(self, m_id: str) -> Markable | None:
        return next((m for m in self.markables if m.m_id == m_id), None)

    def in_region(self, markable: Markable) -> bool:
        return (
            markable.sentence is not None
            and markable.sentence <= self.last_annotated_sentence
            and bool(markable.pieces)
        )

    @property
    def event_mentions(self) -> tuple[Markable, ...]:
        """Gold event mentions of the annotated region (corpus-level additions there too)."""
        return tuple(m for m in self.markables if m.tag == "EVENT_MENTION" and self.in_region(m))

    @property
    def timexes(self) -> tuple[Markable, ...]:
        """Gold time expressions of the annotated region, the dateline's left out."""
        return tuple(
            m
            for m in self.markables
            if m.tag == "TIMEX3" and self.in_region(m) and m.sentence != DATELINE_SENTENCE
        )

    @property
    def scored_participants(self) -> tuple[GoldParticipant, ...]:
        """``HAS_PARTICIPANT`` links whose event mention lies in the annotated region."""
        events = {m.m_id for m in self.event_mentions}
        spanned = {m.m_id for m in self.markables if m.pieces}
        return tuple(p for p in self.participants if p.event in events and p.target in spanned)


# -- reading --------------------------------------------------------------------------------


def _int(element: ET.Element, name: str, where: str) -> int:
    value = element.get(name)
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise MeantimeError(f"{where}: <{element.tag}> has no integer {name}") from None


def _join(words: Sequence[str], start: int, quote_open: bool) -> tuple[str, list[int], bool]:
    """One stretch of tokens joined readably: text, each token's offset, quote state after."""
    parts: list[str] = []
    offsets: list[int] = []
    position = start
    previous = ""
    for index, word in enumerate(words):
        closing_quote = word == '"' and quote_open
        if index and not (
            word in _NO_SPACE_BEFORE
            or word.startswith("'")
            or closing_quote
            or previous in _NO_SPACE_AFTER
            or (previous == '"' and quote_open)
            or (previous.endswith(("'", "’")) and word in _CLITICS)
        ):
            parts.append(" ")
            position += 1
        offsets.append(position)
        parts.append(word)
        position += len(word)
        if word == '"':
            quote_open = not quote_open
        previous = word
    return "".join(parts), offsets, quote_open


def _rebuild(sentences: Sequence[tuple[int, Sequence[str]]]) -> tuple[str, list[list[int]]]:
    """The document text and every token's start offset, from ``(number, words)`` sentences.

    Title, dateline and body are separated by blank lines (the engine's paragraphs); body
    sentences by a space, or by a blank line after one without final punctuation (an image
    caption such as "The A380 was revealed in January 2005"), so it is not fused to the lead.
    """
    text = ""
    offsets: list[list[int]] = []
    quote_open = False
    previous: Sequence[str] = ()
    for index, (number, words) in enumerate(sentences):
        if index:
            same_paragraph = number > DATELINE_SENTENCE + 1 and bool(previous)
            same_paragraph = same_paragraph and previous[-1].endswith(_SENTENCE_FINAL)
            text += " " if same_paragraph else "\n\n"
            quote_open = quote_open and same_paragraph
        joined, starts, quote_open = _join(words, len(text), quote_open)
        text += joined
        offsets.append(starts)
        previous = words
    return text, offsets


def _pieces(t_ids: Sequence[int], tokens: Mapping[int, Token]) -> Pieces:
    """Character spans of the runs of consecutive token ids."""
    pieces: list[tuple[int, int]] = []
    run_start = run_end = None
    for t_id in sorted(t_ids):
        if run_end is not None and t_id == run_end + 1:
            run_end = t_id
            continue
        if run_start is not None and run_end is not None:
            pieces.append((tokens[run_start].start, tokens[run_end].end))
        run_start = run_end = t_id
    if run_start is not None and run_end is not None:
        pieces.append((tokens[run_start].start, tokens[run_end].end))
    return tuple(pieces)


def _dateline_date(words: Sequence[str]) -> str | None:
    """An ISO date from the dateline ("April 27 , 2005"), when it reads as one."""
    from tui.sources.plaintext import normalise_date

    joined, _, _ = _join(words, 0, False)
    return normalise_date(joined)


def _checked_text(data: bytes | str, where: str) -> str:
    """The XML as text, refusing anything with a DOCTYPE or entity declaration.

    Hostile XML works through declarations (entity expansion bombs, external entities), and
    MEANTIME has none; decoding first means a UTF-16 file cannot hide one from the check.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise MeantimeError(f"{where}: not UTF-8 XML") from None
    upper = data.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise MeantimeError(f"{where}: refusing XML with a DOCTYPE or entity declaration")
    return data


def parse_meantime(
    data: bytes | str, *, name: str = "<memory>", topic: str = ""
) -> MeantimeDocument:
    """A :class:`MeantimeDocument` from the XML of one MEANTIME file.

    Raise :class:`MeantimeError` for hostile or malformed XML, an anchor to an unknown token
    or a relation between unknown markables.
    """
    text_xml = _checked_text(data, name)
    parser = ET.XMLParser()
    try:
        parser.feed(text_xml)
        root = parser.close()
    except ET.ParseError as error:
        raise MeantimeError(f"{name}: not well-formed XML ({error})") from None
    if root.tag != "Document":
        raise MeantimeError(f"{name}: the root element is <{root.tag}>, not <Document>")

    raw_tokens = []
    for element in root.iter("token"):
        t_id = _int(element, "t_id", name)
        sentence = _int(element, "sentence", name)
        number = _int(element, "number", name) if element.get("number") else len(raw_tokens)
        word = (element.text or "").strip()
        if not word:
            raise MeantimeError(f"{name}: token {t_id} is empty")
        raw_tokens.append((sentence, number, t_id, word))
    if not raw_tokens:
        raise MeantimeError(f"{name}: no tokens")
    raw_tokens.sort()
    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for sentence, _number, t_id, word in raw_tokens:
        by_sentence[sentence].append((t_id, word))
    sentence_numbers = sorted(by_sentence)
    text, starts = _rebuild([(s, [w for _, w in by_sentence[s]]) for s in sentence_numbers])

    tokens: dict[int, Token] = {}
    numbers = {t_id: number for _s, number, t_id, _w in raw_tokens}
    for sentence, offsets in zip(sentence_numbers, starts, strict=True):
        for (t_id, word), start in zip(by_sentence[sentence], offsets, strict=True):
            if t_id in tokens:
                raise MeantimeError(f"{name}: token id {t_id} appears twice")
            tokens[t_id] = Token(t_id, sentence, numbers[t_id], word, start, start + len(word))

    markables, instances = _read_markables(root, tokens, name)
    participants, refers = _read_relations(root, markables, instances, name)
    markables = {
        m_id: _with_instances(markable, refers.get(m_id, ()), instances)
        for m_id, markable in markables.items()
    }

    def sentence_span(number: int) -> tuple[int, int]:
        words = [tokens[t_id] for t_id, _ in by_sentence.get(number, ())]
        return (words[0].start, words[-1].end) if words else (0, 0)

    last_sentence = sentence_numbers[-1]
    annotated = max(
        (
            m.sentence
            for m in markables.values()
            if m.document_level
            and m.sentence is not None
            and m.tag in ("EVENT_MENTION", "ENTITY_MENTION", "TIMEX3")
        ),
        default=LAST_ANNOTATED_SENTENCE,
    )
    last_annotated = min(max(annotated, LAST_ANNOTATED_SENTENCE), last_sentence)
    region_end = max((t.end for t in tokens.values() if t.sentence <= last_annotated), default=0)

    title = text[slice(*sentence_span(TITLE_SENTENCE))]
    date = _creation_time(markables.values())
    if date is None:  # corpus_airbus/8951 has no CREATION_TIME timex
        date = _dateline_date([w for _, w in by_sentence.get(DATELINE_SENTENCE, ())])
    return MeantimeDocument(
        name=str(root.get("doc_name") or name),
        topic=topic,
        doc_id=str(root.get("doc_id") or ""),
        url=root.get("url"),
        text=text,
        title=title,
        date=date,
        tokens=tuple(sorted(tokens.values(), key=lambda t: t.start)),
        markables=tuple(markables.values()),
        participants=tuple(participants),
        last_annotated_sentence=last_annotated,
        region_end=region_end,
        dateline=sentence_span(DATELINE_SENTENCE),
    )


def _read_markables(
    root: ET.Element, tokens: Mapping[int, Token], name: str
) -> tuple[dict[str, Markable], dict[str, ET.Element]]:
    """Anchored markables by m_id, and the EVENT/ENTITY instance elements by m_id."""
    markables: dict[str, Markable] = {}
    instances: dict[str, ET.Element] = {}
    container = root.find("Markables")
    for element in () if container is None else container:
        m_id = element.get("m_id")
        if not m_id:
            raise MeantimeError(f"{name}: <{element.tag}> has no m_id")
        if element.tag in ("EVENT", "ENTITY"):
            instances[m_id] = element
            continue
        t_ids = tuple(_int(anchor, "t_id", name) for anchor in element.findall("token_anchor"))
        unknown = [t for t in t_ids if t not in tokens]
        if unknown:
            raise MeantimeError(f"{name}: markable {m_id} anchors unknown token {unknown[0]}")
        markables[m_id] = Markable(
            m_id=m_id,
            tag=element.tag,
            t_ids=t_ids,
            pieces=_pieces(t_ids, tokens),
            sentence=min((tokens[t].sentence for t in t_ids), default=None),
            attributes=tuple(sorted(element.attrib.items())),
        )
    return markables, instances


def _read_relations(
    root: ET.Element,
    markables: Mapping[str, Markable],
    instances: Mapping[str, ET.Element],
    name: str,
) -> tuple[list[GoldParticipant], dict[str, list[str]]]:
    """``HAS_PARTICIPANT`` links, and the instance m_ids each mention ``REFERS_TO``."""
    participants: list[GoldParticipant] = []
    refers: dict[str, list[str]] = defaultdict(list)
    container = root.find("Relations")
    for relation in () if container is None else container:
        if relation.tag not in ("REFERS_TO", "HAS_PARTICIPANT"):
            continue  # TLINK, SLINK, GLINK, CLINK: not scored
        sources = [s.get("m_id", "") for s in relation.findall("source")]
        target = relation.find("target")
        target_id = "" if target is None else target.get("m_id", "")
        known = instances if relation.tag == "REFERS_TO" else markables
        missing = [m for m in sources if m not in markables]
        if target_id not in known:
            missing.append(target_id)
        if missing:
            raise MeantimeError(
                f"{name}: {relation.tag} {relation.get('r_id', '?')} links unknown "
                f"markable {missing[0]!r}"
            )
        if relation.tag == "REFERS_TO":
            for source in sources:
                refers[source].append(target_id)
        else:
            participants.extend(
                GoldParticipant(
                    source,
                    target_id,
                    relation.get("sem_role", ""),
                    relation.get("sem_role_framework", ""),
                )
                for source in sources
            )
    return participants, refers


def _with_instances(
    markable: Markable, targets: Sequence[str], instances: Mapping[str, ET.Element]
) -> Markable:
    """The markable with the corpus-level instances it refers to, and their class."""
    if not targets:
        return markable
    elements = [instances[t] for t in targets]
    ids = tuple(i for i in dict.fromkeys(e.get("instance_id") or "" for e in elements) if i)
    kind = elements[0].get("class") or elements[0].get("ent_type") or ""
    return replace(markable, instance_ids=ids, instance_class=kind)


def _creation_time(markables: Iterable[Markable]) -> str | None:
    """The ISO date of the CREATION_TIME timex, if there is one."""
    from tui.sources.plaintext import normalise_date

    for markable in markables:
        if markable.tag == "TIMEX3" and markable.get("functionInDocument") == "CREATION_TIME":
            return normalise_date(markable.get("value")[:10])
    return None


def topic_of(path: Path) -> str:
    """The topic of a file: its folder's name without the ``corpus_`` prefix."""
    folder = path.parent.name
    return folder.removeprefix("corpus_")


def read_meantime(path: str | os.PathLike[str]) -> MeantimeDocument:
    """One MEANTIME file; raise :class:`MeantimeError` naming it when it cannot be used."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise MeantimeError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise MeantimeError(f"{path}: no such file") from None
    except OSError as error:
        raise MeantimeError(f"{path}: {error.strerror or error}") from None
    return parse_meantime(data, name=str(path), topic=topic_of(path))


def load_meantime(directory: str | os.PathLike[str]) -> list[MeantimeDocument]:
    """Every ``*.xml`` document under ``directory`` (searched recursively, sorted by path)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise MeantimeError(f"{directory}: not a directory")
    paths = sorted(p for p in directory.rglob("*.xml") if p.is_file())
    if not paths:
        raise MeantimeError(f"{directory}: no MEANTIME .xml documents")
    return [read_meantime(path) for path in paths]


# -- matching -------------------------------------------------------------------------------


def _overlap(pieces: Pieces, start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in pieces)


def match_spans(gold: Sequence[Pieces], predicted: Sequence[tuple[int, int]]) -> dict[int, int]:
    """A one-to-one matching ``{gold index: predicted index}`` of overlapping spans.

    Pairs are taken greedily by decreasing overlap, then augmenting paths add any pair the
    greedy order blocked: a maximum matching, so one long prediction covering two gold
    mentions counts once, and each gold mention gets its best-overlapping prediction.
    """
    candidates: dict[int, list[tuple[int, int]]] = {}
    pairs = []
    for g, pieces in enumerate(gold):
        for p, (start, end) in enumerate(predicted):
            size = _overlap(pieces, start, end)
            if size > 0:
                pairs.append((size, g, p))
                candidates.setdefault(g, []).append((size, p))
    for options in candidates.values():
        options.sort(key=lambda item: (-item[0], item[1]))
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for _size, g, p in sorted(pairs, key=lambda item: (-item[0], item[1], item[2])):
        if g not in gold_to_pred and p not in pred_to_gold:
            gold_to_pred[g], pred_to_gold[p] = p, g

    def augment(g: int, seen: set[int]) -> bool:
        for _size, p in candidates.get(g, ()):
            if p in seen:
                continue
            seen.add(p)
            if p not in pred_to_gold or augment(pred_to_gold[p], seen):
                gold_to_pred[g], pred_to_gold[p] = p, g
                return True
        return False

    for g in candidates:
        if g not in gold_to_pred:
            augment(g, set())
    return dict(sorted(gold_to_pred.items()))


def predicted_triggers(annotation: Annotation, region_end: int | None) -> list[tuple[str, Span]]:
    """Every predicted trigger mention starting before ``region_end``: ``(event id, span)``.

    Each span in ``event.trigger`` and ``event.mentions`` is one mention (an event's repeated
    span counts once); ``region_end`` None takes the whole text.
    """
    mentions = []
    for event in annotation.events:
        seen: set[tuple[int, int]] = set()
        for span in (event.trigger, *event.mentions):
            if region_end is not None and span.start >= region_end:
                continue
            if (span.start, span.end) not in seen:
                seen.add((span.start, span.end))
                mentions.append((event.id, span))
    return mentions


def match_events(
    document: MeantimeDocument, annotation: Annotation, *, whole_document: bool = False
) -> dict[str, str]:
    """Which of our events each matched gold event mention went to: ``{m_id: event id}``.

    By default in the annotated region; ``whole_document`` matches every gold event mention
    (the corpus-level ones further down included) against every predicted trigger.
    """
    if whole_document:
        gold = tuple(m for m in document.markables if m.tag == "EVENT_MENTION" and m.pieces)
        predicted = predicted_triggers(annotation, None)
    else:
        gold = document.event_mentions
        predicted = predicted_triggers(annotation, document.region_end)
    matching = match_spans([m.pieces for m in gold], [(s.start, s.end) for _, s in predicted])
    return {gold[g].m_id: predicted[p][0] for g, p in matching.items()}


# -- per-document scores ----------------------------------------------------------------------


@dataclass(slots=True)
class DocumentScore(Counts):
    """Counts for one document (or a sum of them); every rate derives from the counts."""

    COUNTED = (
        "documents",
        "events_gold",
        "events_predicted",
        "events_matched",
        "participants_gold",
        "participants_found",
        "timex_gold",
        "timex_predicted",
        "timex_matched",
        "timex_value_correct",
    )

    id: str = ""
    topic: str = ""
    documents: int = 1
    events_gold: int = 0
    events_predicted: int = 0
    events_matched: int = 0
    participants_gold: int = 0
    participants_found: int = 0
    timex_gold: int = 0
    timex_predicted: int = 0
    timex_matched: int = 0
    timex_value_correct: int = 0
    roles_gold: Counter[str] = field(default_factory=Counter)
    roles_found: Counter[str] = field(default_factory=Counter)

    @property
    def events(self) -> tuple[float, float, float]:
        return prf(self.events_matched, self.events_gold, self.events_predicted)

    @property
    def timex(self) -> tuple[float, float, float]:
        return prf(self.timex_matched, self.timex_gold, self.timex_predicted)

    @property
    def participant_recall(self) -> float | None:
        return percent(self.participants_found, self.participants_gold)

    @property
    def timex_value_accuracy(self) -> float | None:
        return percent(self.timex_value_correct, self.timex_matched)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "counts": self.counts(),
            "event_triggers": prf_dict(self.events),
            "participant_recall": rounded(self.participant_recall),
            "timex_spans": prf_dict(self.timex),
            "timex_value_accuracy": rounded(self.timex_value_accuracy),
            "participants_by_role": {
                role: {
                    "gold": self.roles_gold[role],
                    "found": self.roles_found[role],
                    "recall": rounded(percent(self.roles_found[role], self.roles_gold[role])),
                }
                for role in sorted(self.roles_gold)
            },
        }


def _timex_in_scope(document: MeantimeDocument, start: int, end: int) -> bool:
    dateline_start, dateline_end = document.dateline
    in_dateline = start < dateline_end and dateline_start < end
    return start < document.region_end and not in_dateline


def score_document(document: MeantimeDocument, annotation: Annotation) -> DocumentScore:
    """Score one annotation's events, participants and time expressions in the region."""
    if annotation.article.text != document.text:
        raise MeantimeError(f"{document.name}: the annotation is of a different text")
    score = DocumentScore(id=document.name, topic=document.topic)

    gold_events = document.event_mentions
    predicted = predicted_triggers(annotation, document.region_end)
    matched = match_events(document, annotation)
    score.events_gold = len(gold_events)
    score.events_predicted = len(predicted)
    score.events_matched = len(matched)

    events = {event.id: event for event in annotation.events}
    markables = {m.m_id: m for m in document.markables}
    for link in document.scored_participants:
        score.roles_gold[link.sem_role] += 1
        event = events.get(matched.get(link.event, ""))
        target = markables[link.target]
        found = event is not None and any(
            p.mention is not None and target.overlaps(p.mention.start, p.mention.end)
            for p in event.participants
        )
        score.roles_found[link.sem_role] += found
    score.participants_gold = sum(score.roles_gold.values())
    score.participants_found = sum(score.roles_found.values())

    gold_timexes = document.timexes
    our_timexes = [t for t in annotation.timexes if _timex_in_scope(document, t.start, t.end)]
    timex_matching = match_spans(
        [m.pieces for m in gold_timexes], [(t.start, t.end) for t in our_timexes]
    )
    score.timex_gold = len(gold_timexes)
    score.timex_predicted = len(our_timexes)
    score.timex_matched = len(timex_matching)
    score.timex_value_correct = sum(
        our_timexes[p].value == gold_timexes[g].get("value") for g, p in timex_matching.items()
    )
    return score


# -- cross-document linking ---------------------------------------------------------------------

MentionKey: TypeAlias = tuple[int, str]  # (document index, gold event mention m_id)
Cluster: TypeAlias = Sequence[tuple[str, str]]  # (article id, event id)
LinkFunction: TypeAlias = Callable[[Sequence[Annotation]], Iterable[Cluster]]


@dataclass(slots=True)
class LinkScore(Counts):
    """Pairwise cross-document event coreference: pairs of gold event mentions in different
    documents, gold when they share an ``instance_id``, predicted when our clusters join the
    events they were matched to."""

    gold_pairs: int = 0
    predicted_pairs: int = 0
    correct_pairs: int = 0
    mentions: int = 0
    mentions_matched: int = 0

    @property
    def prf(self) -> tuple[float, float, float]:
        return prf(self.correct_pairs, self.gold_pairs, self.predicted_pairs)

    def to_dict(self) -> dict[str, Any]:
        return {
            **prf_dict(self.prf),
            "pairs": {
                "gold": self.gold_pairs,
                "predicted": self.predicted_pairs,
                "correct": self.correct_pairs,
            },
            "mentions": {"gold": self.mentions, "matched": self.mentions_matched},
        }


def _pair(a: MentionKey, b: MentionKey) -> tuple[MentionKey, MentionKey]:
    return (a, b) if a <= b else (b, a)


def score_linking(
    documents: Sequence[MeantimeDocument],
    annotations: Sequence[Annotation],
    clusters: Iterable[Cluster],
    *,
    topic: str | None = None,
) -> LinkScore:
    """Pairwise precision/recall of our cross-article clusters against gold instance ids.

    Gold event mentions that belong to a corpus-level instance take part (grammatical events
    have none), in the whole document: the corpus-level annotation marks every mention of a
    cross-document instance, past the exhaustive region too, and in the region alone only
    three instances of the dev set cross documents. Each of our events stands for the gold
    mentions its trigger mentions matched; a link between events that match no such mention
    cannot be judged and is not counted. With ``topic``, only pairs within that topic.
    """
    chosen = [i for i, d in enumerate(documents) if topic is None or d.topic == topic]
    instances: dict[MentionKey, frozenset[str]] = {}
    owner: dict[tuple[str, str], list[MentionKey]] = defaultdict(list)
    for index in chosen:
        document, annotation = documents[index], annotations[index]
        for mention in document.markables:
            if mention.tag == "EVENT_MENTION" and mention.pieces and mention.instance_ids:
                instances[(index, mention.m_id)] = frozenset(mention.instance_ids)
        for m_id, event_id in match_events(document, annotation, whole_document=True).items():
            if (index, m_id) in instances:
                owner[(annotation.article.id, event_id)].append((index, m_id))

    by_instance: dict[str, set[MentionKey]] = defaultdict(set)
    for key, ids in instances.items():
        for instance in ids:
            by_instance[instance].add(key)
    gold: set[tuple[MentionKey, MentionKey]] = set()
    for keys in by_instance.values():
        gold.update(_pair(a, b) for a, b in combinations(sorted(keys), 2) if a[0] != b[0])

    predicted: set[tuple[MentionKey, MentionKey]] = set()
    for cluster in clusters:
        keys = sorted({key for member in cluster for key in owner.get(tuple(member), ())})
        predicted.update(_pair(a, b) for a, b in combinations(keys, 2) if a[0] != b[0])

    return LinkScore(
        gold_pairs=len(gold),
        predicted_pairs=len(predicted),
        correct_pairs=len(gold & predicted),
        mentions=len(instances),
        mentions_matched=sum(len(keys) for keys in owner.values()),
    )


def _default_link() -> LinkFunction | None:
    """The engine's :func:`tui.nlp.events.linking.link_events`, or None while it does not exist."""
    try:
        from tui.nlp.events.linking import link_events
    except ImportError as error:
        if error.name != "tui.nlp.events.linking":
            raise
        return None
    return link_events


# -- a whole directory ------------------------------------------------------------------------


@dataclass(slots=True)
class MeantimeReport:
    """Scores for a MEANTIME directory: per document, per topic and micro-averaged overall."""

    gold_path: str
    documents: list[DocumentScore]
    linking: LinkScore | None = None
    topic_linking: dict[str, LinkScore] = field(default_factory=dict)
    last_annotated: dict[str, int] = field(default_factory=dict)
    region: str = REGION
    model: str = ""
    engine_version: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> DocumentScore:
        total = DocumentScore(id="all", documents=0)
        for score in self.documents:
            total.add(score)
        return total

    @property
    def topics(self) -> dict[str, DocumentScore]:
        """One summed score per topic, in the order topics first appear."""
        topics: dict[str, DocumentScore] = {}
        for score in self.documents:
            topics.setdefault(score.topic, DocumentScore(id=score.topic, documents=0))
            topics[score.topic].add(score)
            topics[score.topic].topic = score.topic
        return topics

    def to_dict(self) -> dict[str, Any]:
        def summary(score: DocumentScore, linking: LinkScore | None) -> dict[str, Any]:
            data = score.to_dict()
            del data["id"], data["topic"]
            data["linking"] = None if linking is None else linking.to_dict()
            return data

        documents = []
        for score in self.documents:
            data = score.to_dict()
            data["last_annotated_sentence"] = self.last_annotated.get(score.id)
            documents.append(data)
        return {
            "gold": self.gold_path,
            "engine": {"version": self.engine_version, "model": self.model},
            "region": self.region,
            "documents_scored": len(self.documents),
            "overall": summary(self.total, self.linking),
            "topics": {
                name: summary(score, self.topic_linking.get(name))
                for name, score in self.topics.items()
            },
            "documents": documents,
            "warnings": list(self.warnings),
        }


def evaluate_meantime(
    directory: str | os.PathLike[str],
    annotator: SupportsAnnotateMany,
    *,
    link: LinkFunction | None = None,
    warn: Callable[[str], None] | None = None,
) -> MeantimeReport:
    """Annotate every MEANTIME document under ``directory`` and score it.

    ``link`` clusters events across the annotations (default: the engine's
    ``tui.nlp.events.linking.link_events``); linking is reported as None when there is none.
    """
    documents = load_meantime(directory)
    warnings: list[str] = []

    def record(message: str) -> None:
        warnings.append(message)
        if warn is not None:
            warn(message)

    report = MeantimeReport(gold_path=str(directory), documents=[], warnings=warnings)
    annotations = list(annotator.annotate_many(d.article() for d in documents))
    if len(annotations) != len(documents):
        raise MeantimeError("the annotator returned a different number of annotations")
    for document, annotation in zip(documents, annotations, strict=True):
        report.model = report.model or annotation.engine.model
        report.engine_version = report.engine_version or annotation.engine.version
        report.documents.append(score_document(document, annotation))
        report.last_annotated[document.name] = document.last_annotated_sentence

    link = link if link is not None else _default_link()
    if link is None:
        record("cross-document linking not scored: tui.nlp.events.linking.link_events is missing")
        return report
    clusters = [list(cluster) for cluster in link(annotations)]
    report.linking = score_linking(documents, annotations, clusters)
    for topic in dict.fromkeys(d.topic for d in documents):
        report.topic_linking[topic] = score_linking(documents, annotations, clusters, topic=topic)
    return report
