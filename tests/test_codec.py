"""The library's stored forms of an annotation and a text read back exactly.

Stored annotations leave the article and span texts out and keep their records as
columns; what comes back must be the very annotation that went in, in the current format
and in the zlib one that libraries written before it still hold.
"""

from __future__ import annotations

import json
import zlib

import pytest

from tui.library.codec import (
    ANNOTATION_FORMAT,
    ZLIB_ANNOTATION_FORMAT,
    CodecError,
    _columns,
    _strip,
    pack_annotation,
    pack_text,
    unpack_annotation,
    unpack_text,
)
from tui.model import Annotation


def test_annotation_round_trips(seed_annotation: Annotation) -> None:
    blob = pack_annotation(seed_annotation)
    assert blob[:1] == ANNOTATION_FORMAT
    assert unpack_annotation(blob, seed_annotation.article) == seed_annotation
    # the point of the format: far smaller than the annotation's JSON, near the text's size
    assert len(blob) < len(seed_annotation.to_json()) / 10
    assert len(blob) < 2 * len(seed_annotation.article.text.encode())


def test_annotations_stored_by_the_zlib_format_still_read(seed_annotation: Annotation) -> None:
    data = seed_annotation.to_dict()
    del data["article"]
    document = json.dumps(_columns(_strip(data, seed_annotation.article.text)))
    blob = ZLIB_ANNOTATION_FORMAT + zlib.compress(document.encode())
    assert unpack_annotation(blob, seed_annotation.article) == seed_annotation


@pytest.mark.parametrize(
    "blob",
    [b"", b"\x09abc", ANNOTATION_FORMAT + b"not lzma", ZLIB_ANNOTATION_FORMAT + b"not zlib"],
)
def test_damaged_annotations_raise_a_codec_error(seed_annotation: Annotation, blob: bytes) -> None:
    with pytest.raises(CodecError):
        unpack_annotation(blob, seed_annotation.article)


def test_texts_round_trip() -> None:
    text = "Zürich — “quoted”, 😀 and a lone surrogate \ud800 kept."
    assert unpack_text(pack_text(text)) == text
    with pytest.raises(CodecError):
        unpack_text(b"\x01broken")
