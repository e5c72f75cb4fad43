"""How the library stores article texts and annotations compactly.

An annotation's JSON repeats the article many times over: the article itself, and the
``text`` of every span (each event carries its whole sentence), which made a stored
annotation ~25x the article it describes. Stored, an annotation drops the article (the
library row is its source of truth) and every span text that equals its slice of the
article, then is zlib-compressed; decoding puts them back, so what comes out is exactly
the :class:`Annotation` that went in. Texts are compressed too. Both blobs start with a
format byte, so a later encoding can be told apart from this one.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from tui.model import Annotation, Article, ModelError

TEXT_FORMAT = b"\x01"  # zlib of UTF-8
ANNOTATION_FORMAT = b"\x01"  # zlib of compact JSON, article and span texts left out
_LEVEL = 6  # level 9 saves ~2 % more for twice the time


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


def _restore(value: Any, text: str) -> Any:
    if isinstance(value, dict):
        out = {k: _restore(v, text) for k, v in value.items()}
        if "text" not in out and isinstance(out.get("start"), int) and "end" in out:
            out["text"] = text[out["start"] : out["end"]]
        return out
    if isinstance(value, list):
        return [_restore(v, text) for v in value]
    return value


def pack_annotation(annotation: Annotation) -> bytes:
    data = annotation.to_dict()
    del data["article"]
    stripped = _strip(data, annotation.article.text)
    document = json.dumps(stripped, ensure_ascii=False, separators=(",", ":"))
    return ANNOTATION_FORMAT + zlib.compress(_utf8(document), _LEVEL)


def unpack_annotation(blob: bytes, article: Article) -> Annotation:
    """The stored annotation of ``article`` (the library's row of it)."""
    if not blob or blob[:1] != ANNOTATION_FORMAT:
        raise CodecError("stored annotation in an unknown format")
    try:
        data = json.loads(zlib.decompress(blob[1:]).decode("utf-8", "surrogatepass"))
    except (zlib.error, UnicodeDecodeError, ValueError) as error:
        raise CodecError(f"stored annotation is damaged ({error})") from None
    if not isinstance(data, dict):
        raise CodecError("stored annotation is not an object")
    data = _restore(data, article.text)
    data["article"] = article.to_dict()
    return Annotation.from_dict(data)
