"""Shared fixtures and Hypothesis profiles for Byline's tests.

Test data outside the repository lives in ``../shared/`` (the clone's sibling folder);
tests that need it are skipped when it is absent.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings
from hypothesis.errors import InvalidArgument

if TYPE_CHECKING:
    from tui.cache import AnnotationCache
    from tui.model import Annotation, Article

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
SAMPLES_DIR = REPO_ROOT / "samples"
GOLD_QUOTES = SHARED_DIR / "eval" / "quotes-dev.jsonl"
SEED_ARTICLE = SAMPLES_DIR / "seed-trump-zelenskyy-nato.txt"
SEED_DATE = "2025-06-25"
# The seed article annotated once by the engine, so the app tests need no spaCy. After an
# engine change that should show in the reader, regenerate it (and the snapshots):
#   article = tui.sources.load_text_file(SEED_ARTICLE, date=SEED_DATE)
#   SEED_ANNOTATION.write_text(tui.nlp.Annotator().annotate(article).to_json(indent=1) + "\n")
SEED_ANNOTATION = REPO_ROOT / "tests" / "data" / "seed-annotation.json"


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


@pytest.fixture(scope="session")
def seed_article() -> Article:
    """The seed article as the app loads it (``byline samples/seed-….txt``)."""
    from tui.sources import load_text_file

    return load_text_file(SEED_ARTICLE, date=SEED_DATE)


@pytest.fixture(scope="session")
def seed_annotation() -> Annotation:
    """The stored annotation of the seed article (``tests/data/seed-annotation.json``)."""
    from tui.model import Annotation

    return Annotation.from_json(SEED_ANNOTATION.read_text(encoding="utf-8"))


@pytest.fixture
def seeded_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_annotation: Annotation
) -> AnnotationCache:
    """An annotation cache in ``tmp_path`` (``$BYLINE_CACHE_DIR``) holding the seed article.

    No user config or ``$BYLINE_MODEL`` leaks in, so the app looks the seed up under the
    default model and finds it without loading spaCy. Put more entries with ``.put``.
    """
    from tui.cache import CACHE_ENV, AnnotationCache
    from tui.config import CONFIG_ENV
    from tui.nlp import ENGINE_VERSION
    from tui.nlp.pipeline import MODEL_ENV, resolve_model_name

    directory = tmp_path / "annotation-cache"
    monkeypatch.setenv(CACHE_ENV, str(directory))
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "no-config.toml"))
    monkeypatch.delenv(MODEL_ENV, raising=False)
    cache = AnnotationCache(directory)
    cache.put(seed_annotation, ENGINE_VERSION, resolve_model_name(None))
    return cache


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library, annotation cache and config of this test's own, and the default model;
    returns the library's path (also in ``$BYLINE_DB``)."""
    from tui.cache import CACHE_ENV
    from tui.config import CONFIG_ENV
    from tui.library import DB_ENV
    from tui.nlp.pipeline import MODEL_ENV

    db = tmp_path / "lib.sqlite3"
    monkeypatch.setenv(DB_ENV, str(db))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "no-config.toml"))
    monkeypatch.delenv(MODEL_ENV, raising=False)
    return db


def fake_annotation(article: Article) -> Annotation:
    """An annotation of ``article`` that found nothing, as the default model would store it."""
    from tui.model import Annotation, EngineInfo
    from tui.nlp import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    return Annotation(article, engine=EngineInfo(ENGINE_VERSION, f"{resolve_model_name()}-3.8.0"))


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the engine by one that annotates nothing (``add`` and ``index`` never load
    spaCy); returns the ids it was given, in order."""
    seen: list[str] = []

    def annotate_many(self: object, articles: Any, **_: Any) -> Any:
        for article in articles:
            seen.append(article.id)
            yield fake_annotation(article)

    monkeypatch.setattr("tui.nlp.annotator.Annotator.annotate_many", annotate_many)
    return seen


@pytest.fixture
def library(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded_cache: Any,
    seed_annotation: Any,
) -> tuple[Path, list[Any]]:
    """A small library for the app's views: see :func:`app_helpers.views_library`."""
    from app_helpers import views_library

    return views_library(tmp_path, monkeypatch, seeded_cache, seed_annotation)


@pytest.fixture(autouse=True)
def _own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test remembers its theme, sort and layers in its own state file, never the
    user's (``tui.state``)."""
    from tui.state import STATE_ENV

    path = tmp_path / "state" / "state.json"
    monkeypatch.setenv(STATE_ENV, str(path))
    return path


TERMINAL_COLUMNS = 80  # the new-user trial's terminal: 80×24


@pytest.fixture
def as_terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """Call it (in the test's body) to make standard output an 80-column terminal: stdout
    reports isatty and the terminal-size lookup (which argparse asks too) answers 80×24;
    capsys still captures what is printed. Returns the width. Not done here at setup:
    capsys gives the test's call a new stream, so one patched now would be gone by then."""

    def become_terminal() -> int:
        size = os.terminal_size((TERMINAL_COLUMNS, 24))
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        monkeypatch.setattr(shutil, "get_terminal_size", lambda *args, **kwargs: size)
        return TERMINAL_COLUMNS

    return become_terminal
