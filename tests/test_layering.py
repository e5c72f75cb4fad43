"""The package's import structure: no import cycles between ``tui`` modules, and no module
importing one of a higher layer (the model at the bottom, the ``byline`` command on top).

Every import of a ``tui`` module counts, wherever it is written: at module level, inside a
function (the lazy imports that keep start-up cheap), under ``TYPE_CHECKING``, absolute or
relative (``from . import x``). A lazy import still is a dependency of the design.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest

import tui

PACKAGE_DIR = Path(tui.__file__).resolve().parent

LAYERS: tuple[tuple[str, ...], ...] = (
    # 0: plain data and text helpers, importing no other tui module
    ("tui", "tui.model", "tui.textfit", "tui.humantime", "tui.samples", "tui.data"),
    # 1: the engine, reading articles, the caches, highlighting, settings, scoring
    (
        "tui.nlp",
        "tui.sources",
        "tui.cache",
        "tui.highlight",
        "tui.config",
        "tui.state",
        "tui.palette",
        "tui.citation",
        "tui.timeline",
        "tui.render_text",
        "tui.evaluation",
    ),
    # 2: the library, the app's annotation service and the widgets
    ("tui.library", "tui.service", "tui.widgets"),
    # 3: the screens and the app; the benchmark drives them and the web server serves them;
    # the key remaps are checked against the bindings the app, its screens and widgets declare
    ("tui.screens", "tui.app", "tui.keymap", "tui.bench", "tui.serve"),
    # 4: the command line
    ("tui.cli", "tui.__main__"),
)
"""Layers, lowest first. A name stands for that module and every module under it (but
``tui``, the root package holding ``__version__``, for itself only); the longest name that
matches a module gives its layer. A module may import its own layer (without a cycle) and
the layers below."""

ALLOWED_UPWARD: Mapping[tuple[str, str], str] = {}
"""Named exceptions, ``(importer, imported): why``; e.g. a lazy import inside a function
kept for start-up speed. Empty: the code has no upward import today. Every entry must still
be an import the code makes (a stale exception fails the test)."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def imported_modules(name: str, path: Path, modules: Iterable[str]) -> Iterator[str]:
    """The ``tui`` modules ``path`` (module ``name``) imports anywhere in its code."""
    known = set(modules)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def existing(dotted: str) -> str | None:
        """``dotted`` or its nearest enclosing module (``tui.x.Class`` is ``tui.x``)."""
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "tui" or alias.name.startswith("tui."):
                    target = existing(alias.name)
                    if target:
                        yield target
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from ..y import z
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            if source != "tui" and not source.startswith("tui."):
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"  # from tui.cli import reader
                target = submodule if submodule in known else existing(source)
                if target:
                    yield target


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {
        name: set(imported_modules(name, path, modules)) - {name} for name, path in modules.items()
    }


def layer_of(module: str) -> int | None:
    matches = [
        (len(prefix), layer)
        for layer, names in enumerate(LAYERS)
        for prefix in names
        if module == prefix or (prefix != "tui" and module.startswith(prefix + "."))
    ]
    return max(matches)[1] if matches else None


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One cycle (``a → b → … → a``) for each group of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(start: str) -> None:  # Tarjan, iteratively (no recursion limit)
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: set[str], graph: Mapping[str, Iterable[str]]) -> list[str]:
    """A shortest cycle through the group's first module, staying inside the group."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return [*paths[node], start]
            if nxt in group and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle in {sorted(group)}")  # pragma: no cover


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_every_module_has_a_layer(graph: dict[str, set[str]]) -> None:
    unplaced = sorted(module for module in graph if layer_of(module) is None)
    assert not unplaced, f"add these modules to LAYERS in {Path(__file__).name}: {unplaced}"


def test_no_import_cycles(graph: dict[str, set[str]]) -> None:
    cycles = [" → ".join(cycle) for cycle in find_cycles(graph)]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_module_imports_a_higher_layer(graph: dict[str, set[str]]) -> None:
    upward = [
        f"{importer} (layer {layer_of(importer)}) imports {imported} (layer {layer_of(imported)})"
        for importer, targets in sorted(graph.items())
        for imported in sorted(targets)
        if (layer_of(importer) or 0) < (layer_of(imported) or 0)
        and (importer, imported) not in ALLOWED_UPWARD
    ]
    assert not upward, "imports of a higher layer:\n" + "\n".join(upward)


def test_allowed_exceptions_are_still_made(graph: dict[str, set[str]]) -> None:
    stale = [pair for pair in ALLOWED_UPWARD if pair[1] not in graph.get(pair[0], set())]
    assert not stale, f"remove these from ALLOWED_UPWARD, the code no longer makes them: {stale}"


README = PACKAGE_DIR.parent / "README.md"
_CODEMAP_LINE = re.compile(r"^- `(tui[\w.]*)` \(layer (\d)\) — \S")


def test_the_readme_code_map_is_the_layer_table() -> None:
    """The README's code map names every package of LAYERS, in its layer, and no other."""
    text = README.read_text(encoding="utf-8")
    start, end = text.index("<!-- codemap:start -->"), text.index("<!-- codemap:end -->")
    lines = [line for line in text[start:end].splitlines()[1:] if line.strip()]
    parsed = [_CODEMAP_LINE.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=True) if not m]
    shown = {m[1]: int(m[2]) for m in parsed if m}
    table = {name: layer for layer, names in enumerate(LAYERS) for name in names}
    assert shown == table, {
        "in the README only": sorted(set(shown) - set(table)),
        "in LAYERS only": sorted(set(table) - set(shown)),
        "other layer": sorted(n for n in set(shown) & set(table) if shown[n] != table[n]),
    }


def test_the_checks_see_cycles_layers_and_every_kind_of_import(tmp_path: Path) -> None:
    """The checker itself: a cycle and the layers in a made-up graph, and imports inside
    functions, under TYPE_CHECKING and relative ones all seen."""
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []
    assert layer_of("tui") == 0 and layer_of("tui.model") == 0 and layer_of("tui.cli.main") == 4
    assert layer_of("tui.library.db") == 2 and layer_of("tui.nowhere") is None
    module = tmp_path / "fake.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "import os\n"
        "from . import common\n"
        "from .inputs import load_paths\n"
        "from .. import model\n"
        "if TYPE_CHECKING:\n"
        "    from tui.library import Library\n"
        "def later():\n"
        "    import tui.nlp.pipeline\n"
        "    from tui.sources.feeds import read_opml\n",
        encoding="utf-8",
    )
    known = all_modules()
    assert set(imported_modules("tui.cli.fake", module, known)) == {
        "tui.cli.common",
        "tui.cli.inputs",
        "tui.model",
        "tui.library",
        "tui.nlp.pipeline",
        "tui.sources.feeds",
    }
