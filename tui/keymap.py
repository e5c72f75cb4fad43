"""The user's key remaps (``[keys]`` in config.toml), checked before the app applies them.

Every binding of the app has an id ("reader.next_quote"). A remap names an id and the keys
it should answer ("n,ctrl+n"). A remap is dropped, and named in one warning line, when its
id is no binding's, when a key is no key a terminal sends, or when it would take a key
another binding of the same screen or widget keeps (a clash silently took `a` from
Highlights before). Every other remap is applied.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache

from textual.binding import Binding
from textual.keys import Keys

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
NAMED_KEYS = frozenset(
    """
    space enter tab backspace delete insert home end pageup pagedown up down left right
    escape
    """.split()
) | frozenset(f"f{n}" for n in range(1, 25))


def _binding_owners() -> list[type]:
    """The app, its screens and its widgets: every class that declares bindings."""
    from tui.app import BylineApp
    from tui.screens.dialogs import AskScreen, ConfirmScreen
    from tui.screens.feeds import FeedsScreen
    from tui.screens.help import HelpScreen
    from tui.screens.library import LibraryScreen
    from tui.screens.open_file import OpenFileScreen
    from tui.screens.people import PeopleScreen
    from tui.screens.reader import ReaderScreen
    from tui.screens.search import SearchScreen
    from tui.screens.stories import StoriesScreen
    from tui.widgets.article_view import ArticleView
    from tui.widgets.keyed_list import KeyedList
    from tui.widgets.panes import Pane
    from tui.widgets.virtual_table import VirtualTable

    return [
        BylineApp,
        ReaderScreen,
        LibraryScreen,
        PeopleScreen,
        SearchScreen,
        StoriesScreen,
        FeedsScreen,
        HelpScreen,
        ConfirmScreen,
        AskScreen,
        OpenFileScreen,
        ArticleView,
        Pane,
        KeyedList,
        VirtualTable,
    ]


def _declared(owner: type) -> Iterator[Binding]:
    for binding in getattr(owner, "BINDINGS", ()):
        if isinstance(binding, Binding):
            yield binding


@cache
def binding_ids() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Each binding id → (owner class name, its keys) for every class declaring it."""
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for owner in _binding_owners():
        for binding in _declared(owner):
            if binding.id:
                keys = tuple(k.strip() for k in binding.key.split(",") if k.strip())
                found.setdefault(binding.id, []).append((owner.__name__, keys))
    return found


def is_key(key: str) -> bool:
    """Whether a terminal can send ``key`` as Textual names it ("n", "ctrl+n", "question_mark")."""
    *modifiers, name = key.split("+")
    if any(m not in MODIFIERS for m in modifiers) or not name:
        return False
    if len(name) == 1 or name in NAMED_KEYS or name in _textual_names():
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


@cache
def _textual_names() -> frozenset[str]:
    """Textual's names of keys: its key enum and its names of printable characters
    ("slash", "question_mark")."""
    from textual.keys import _character_to_key

    printable = {_character_to_key(chr(c)) for c in range(32, 127)}
    return frozenset({k.value for k in Keys} | printable)


def check_keymap(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """(the remaps to apply, one phrase per remap dropped and why)."""
    if not keymap:  # nothing to check: the bindings need not be imported at start
        return {}, []
    known = binding_ids()
    problems: list[str] = []
    kept: dict[str, str] = {}
    for ident, value in keymap.items():
        keys = [k.strip() for k in value.split(",") if k.strip()]
        if ident not in known:
            problems.append(f"no binding has the id {ident!r}")
            continue
        bad = [k for k in keys if not is_key(k)]
        if bad or not keys:
            problems.append(f"{ident}: {', '.join(map(repr, bad)) or 'nothing'} is no key")
            continue
        kept[ident] = ",".join(keys)
    # a clash: a remapped key another binding of the same class keeps (or takes too)
    for ident, value in list(kept.items()):
        owners = {owner for owner, _ in known[ident]}
        for other, places in known.items():
            if other == ident:
                continue
            for owner, keys in places:
                if owner not in owners:
                    continue
                theirs = set(kept[other].split(",")) if other in kept else set(keys)
                shared = sorted(set(value.split(",")) & theirs)
                if shared and ident in kept:
                    problems.append(f"{ident}: {', '.join(shared)} is taken by {other}")
                    del kept[ident]
    return kept, problems


def warning_line(problems: Iterable[str]) -> str:
    """The one line the user reads about remaps that were dropped."""
    return "config [keys]: " + "; ".join(problems) + " (those ignored, the rest applied)"


_OWNER_LABELS = {
    "BylineApp": "everywhere",
    "ReaderScreen": "reader",
    "LibraryScreen": "library",
    "PeopleScreen": "People",
    "SearchScreen": "Search",
    "StoriesScreen": "Stories",
    "FeedsScreen": "Feeds",
    "HelpScreen": "help",
    "ConfirmScreen": "a question",
    "AskScreen": "a prompt",
    "OpenFileScreen": "open a file",
    "ArticleView": "the article",
    "Pane": "a reader pane",
    "KeyedList": "Search results",
    "VirtualTable": "a table",
}


def _shown(key: str) -> str:
    """A key as the README writes it: "ctrl+d" as Ctrl+D, "question_mark" as ?."""
    from textual.keys import key_to_character

    *modifiers, name = key.split("+")
    character = name if len(name) == 1 else (_PRINTABLE.get(name) or key_to_character(name))
    named = character if character and character.isprintable() and character != " " else name
    named = {"space": "Space", "pagedown": "PageDown", "pageup": "PageUp"}.get(named, named)
    if len(named) > 1 and named not in {"PageDown", "PageUp", "Space"}:
        named = named.capitalize()
    elif modifiers and len(named) == 1:
        named = named.upper()  # Ctrl+F, as keyboards label it
    return "+".join([*(m.capitalize() for m in modifiers), named])


_PRINTABLE = {"slash": "/"}  # Textual's names its own key_to_character does not map back


def key_table() -> str:
    """The README's table of every binding with an id, screen by screen."""
    lines = ["| Where | Keys | Does | Id |", "|---|---|---|---|"]
    for owner in _binding_owners():
        for binding in _declared(owner):
            if not binding.id:
                continue
            keys = " ".join(
                f"`{_shown(k.strip())}`" for k in binding.key.split(",") if k.strip()
            ).replace("`|`", "`\\|`")
            label = _OWNER_LABELS.get(owner.__name__, owner.__name__)
            if owner.__name__ == "BylineApp" and not binding.id.startswith("app."):
                label = "the library"  # the app's keys that open the library's views
            lines.append(f"| {label} | {keys} | {binding.description} | `{binding.id}` |")
    return "\n".join(lines)
