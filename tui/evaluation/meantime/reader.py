"""Reading MEANTIME XML: tokens joined back into readable text, markables and relations.

Each file is refused before parsing if it declares a DOCTYPE or entities (hostile XML works
through those, and MEANTIME has none); every markable and relation must name known tokens
and markables, so a broken file fails with its name rather than scoring wrongly.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from tui.evaluation.meantime.gold import (
    DATELINE_SENTENCE,
    LAST_ANNOTATED_SENTENCE,
    TITLE_SENTENCE,
    GoldParticipant,
    Markable,
    MeantimeDocument,
    MeantimeError,
    Pieces,
    Token,
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
