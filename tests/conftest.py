"""Shared fixtures and Hypothesis profiles for Byline's tests.

Test data outside the repository lives in ``../shared/`` (the clone's sibling folder);
tests that need it are skipped when it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.errors import InvalidArgument

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
SAMPLES_DIR = REPO_ROOT / "samples"
GOLD_QUOTES = SHARED_DIR / "eval" / "quotes-dev.jsonl"


def _profile_or_none(name: str) -> settings | None:
    try:
        return settings.get_profile(name)
    except InvalidArgument:  # older Hypothesis has no built-in "ci" profile
        return None


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# "ci" extends Hypothesis' own CI profile where there is one (derandomised, no database).
settings.register_profile("ci", parent=_profile_or_none("ci"), deadline=None, max_examples=60)
settings.register_profile("dev", parent=settings.get_profile("default"), deadline=None)
settings.load_profile("ci" if _in_ci() else "dev")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared/``, the read-only test data beside the clone (skip when absent)."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared test data not found at {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The bundled sample articles (``samples/``)."""
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def annotator() -> Any:
    """One :class:`tui.nlp.Annotator` for the session (the spaCy pipeline loads once, lazily)."""
    from tui.nlp import Annotator

    return Annotator()


@pytest.fixture(scope="session")
def gold_articles() -> list[dict[str, Any]]:
    """The gold quotation dev set, one dict per article (skip when ../shared is absent)."""
    if not GOLD_QUOTES.is_file():
        pytest.skip(f"gold quotes not found at {GOLD_QUOTES}")
    with GOLD_QUOTES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
