"""How the library stores article texts and annotations compactly.

An annotation's JSON repeats the article many times over: the article itself, and the
``text`` of every span (each event carries its whole sentence), which made a stored
annotation ~25x the article it describes. Stored, an annotation drops the article (the
library row is its source of truth) and every span text that equals its slice of the
article; its lists of records are turned into columns (one list per field, offsets as
differences, span ends as lengths, ids ``v1, v2, …`` as their prefix), which compress a
third better than the rows; LZMA then keeps them a tenth smaller than zlib would (a
stored annotation is ~1.2x its article's text, the largest share of a library). Decoding
reverses each step, so what comes out is exactly the :class:`Annotation` that went in.
Texts are compressed too. Both blobs start with a format byte, so a later encoding can
be told apart from this one (annotations stored with zlib, before LZMA, still read).
"""

from __future__ import annotations

import itertools
import json
import lzma
import re
import zlib
from typing import Any

from tui.model import Annotation, Article, ModelError

TEXT_FORMAT = b"\x01"  # zlib of UTF-8
ZLIB_ANNOTATION_FORMAT = b"\x02"  # zlib of columnar JSON, article and span texts left out
ANNOTATION_FORMAT = b"\x03"  # the same columnar JSON, raw LZMA2 (:data:`_LZMA`)
_LEVEL = 6  # level 9 saves ~2 % more for twice the time
_LZMA = ({"id": lzma.FILTER_LZMA2, "preset": 6, "lc": 2, "pb": 0, "dict_size": 1 << 16},)
"""A document is ~15 KB of JSON: a 64 KB window holds it whole, and allocating no more
keeps packing at ~1.5 ms (preset 6's 8 MB window takes longer to set up than to use).
Two literal-context bits and no position bits suit text that is not aligned binary."""
# what a damaged or foreign blob raises on its way through the decoder
_DAMAGE = (
    zlib.error,
    lzma.LZMAError,
    UnicodeDecodeError,
    ValueError,
    KeyError,
    TypeError,
    StopIteration,
)
_SEQUENTIAL_ID = re.compile(r"([A-Za-z]+)1")


class CodecError(ModelError):
    """A stored blob that cannot be read back (damaged, or from a newer Byline)."""


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def pack_text(text: str) -> bytes:
    return TEXT_FORMAT + zlib.compress(_utf8(text), _LEVEL)


def unpack_text(blob: bytes) -> str:
    if not blob or blob[:1] != TEXT_FORMAT:
        raise CodecError("stored text in an unknown format")
    try:
        return zlib.decompress(blob[1:]).decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError) as error:
        raise CodecError(f"stored text is damaged ({error})") from None


def _strip(value: Any, text: str) -> Any:
    """``value`` with each ``text`` that equals ``text[start:end]`` of its record left out."""
    if isinstance(value, dict):
        out = {k: _strip(v, text) for k, v in value.items() if k != "text"}
        if "text" in value:
            start, end = value.get("start"), value.get("end")
            same = isinstance(start, int) and isinstance(end, int)
            if not (same and 0 <= start <= end <= len(text) and text[start:end] == value["text"]):
                out["text"] = value["text"]  # kept as written: it is not the slice
        return out
    if isinstance(value, list):
        return [_strip(v, text) for v in value]
    return value


# -- records as columns ---------------------------------------------------------------
# A list of records with the same fields becomes {"@t": count, "@c": {field: column}};
# a column is {"@d": differences} (whole numbers), {"@l": lengths} (an "end" beside a
# "start"), {"@s": prefix} (ids prefix1, prefix2, …), {"@n": list lengths, "@o": table}
# (lists of records), {"@h": presence, "@o": table} (a record or null) or {"@v": values}.
# Model field names never start with "@", so nothing else looks like these.


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _same_fields(records: list[Any]) -> list[str] | None:
    if not records or not all(isinstance(r, dict) for r in records):
        return None
    fields = list(records[0])
    return fields if all(list(r) == fields for r in records) else None


def _table(records: list[dict[str, Any]], fields: list[str]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for field in fields:
        values = [r[field] for r in records]
        starts = [r.get("start") for r in records]
        if field == "end" and "start" in fields and all(map(_is_int, values + starts)):
            columns[field] = {"@l": [e - b for e, b in zip(values, starts, strict=True)]}
        else:
            columns[field] = _column(field, values)
    return {"@t": len(records), "@c": columns}


def _column(field: str, values: list[Any]) -> dict[str, Any]:
    if all(map(_is_int, values)):
        return {"@d": [v - p for v, p in zip(values, [0, *values[:-1]], strict=True)]}
    if field == "id" and all(isinstance(v, str) for v in values):
        match = _SEQUENTIAL_ID.fullmatch(values[0])
        if match and values == [f"{match.group(1)}{i}" for i in range(1, len(values) + 1)]:
            return {"@s": match.group(1)}
    if all(isinstance(v, list) for v in values):
        flat = [r for v in values for r in v]
        fields = _same_fields(flat)
        if fields is not None:
            return {"@n": [len(v) for v in values], "@o": _table(flat, fields)}
    present = [v for v in values if v is not None]
    fields = _same_fields(present)
    if fields is not None:
        return {"@h": [int(v is not None) for v in values], "@o": _table(present, fields)}
    return {"@v": [_columns(v) for v in values]}


def _columns(value: Any) -> Any:
    if isinstance(value, list):
        fields = _same_fields(value)
        if fields is not None:
            return _table(value, fields)
        return [_columns(v) for v in value]
    if isinstance(value, dict):
        return {k: _columns(v) for k, v in value.items()}
    return value


def _rows(table: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The records of a table, each span's text put back from the article ``text``."""
    count = table["@t"]
    columns: dict[str, Any] = table["@c"]
    fields = list(columns)
    values: list[list[Any]] = []
    for column in columns.values():
        if "@l" in column:
            starts = values[fields.index("start")]
            values.append([b + n for b, n in zip(starts, column["@l"], strict=True)])
        else:
            values.append(_values(column, count, text))
    rows = [dict(zip(fields, row, strict=True)) for row in zip(*values, strict=True)]
    if not fields:
        rows = [{} for _ in range(count)]
    if "start" in columns and "end" in columns and "text" not in columns:
        for row in rows:
            row["text"] = text[row["start"] : row["end"]]
    return rows


def _values(column: dict[str, Any], count: int, text: str) -> list[Any]:
    if "@d" in column:
        return list(itertools.accumulate(column["@d"]))
    if "@s" in column:
        return [f"{column['@s']}{i}" for i in range(1, count + 1)]
    if "@n" in column:
        flat = iter(_rows(column["@o"], text))
        return [[next(flat) for _ in range(n)] for n in column["@n"]]
    if "@h" in column:
        present = iter(_rows(column["@o"], text))
        return [next(present) if has else None for has in column["@h"]]
    return [_uncolumns(v, text) for v in column["@v"]]


def _uncolumns(value: Any, text: str) -> Any:
    if isinstance(value, dict):
        if "@t" in value:
            return _rows(value, text)
        out = {k: _uncolumns(v, text) for k, v in value.items()}
        if "text" not in out and isinstance(out.get("start"), int) and "end" in out:
            out["text"] = text[out["start"] : out["end"]]
        return out
    if isinstance(value, list):
        return [_uncolumns(v, text) for v in value]
    return value


def pack_annotation(annotation: Annotation) -> bytes:
    data = annotation.to_dict()
    del data["article"]
    stripped = _columns(_strip(data, annotation.article.text))
    document = json.dumps(stripped, ensure_ascii=False, separators=(",", ":"))
    return ANNOTATION_FORMAT + lzma.compress(_utf8(document), format=lzma.FORMAT_RAW, filters=_LZMA)


def _inflate(blob: bytes) -> bytes:
    """The document of a stored annotation of either format."""
    if blob[:1] == ANNOTATION_FORMAT:
        return lzma.decompress(blob[1:], format=lzma.FORMAT_RAW, filters=_LZMA)
    return zlib.decompress(blob[1:])


def unpack_annotation(blob: bytes, article: Article) -> Annotation:
    """The stored annotation of ``article`` (the library's row of it)."""
    if not blob or blob[:1] not in (ANNOTATION_FORMAT, ZLIB_ANNOTATION_FORMAT):
        raise CodecError("stored annotation in an unknown format")
    try:
        data = json.loads(_inflate(blob).decode("utf-8", "surrogatepass"))
        if not isinstance(data, dict):
            raise CodecError("stored annotation is not an object")
        data = _uncolumns(data, article.text)
    except _DAMAGE as error:
        raise CodecError(f"stored annotation is damaged ({error!r})") from None
    data["article"] = article.to_dict()
    return Annotation.from_dict(data)
