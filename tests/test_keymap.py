"""Remaps in config.toml are checked at start: unknown ids, non-keys and clashes are named in
one warning line and dropped; the rest applies, and the hints follow it."""

from __future__ import annotations

import pytest

from tui.keymap import binding_ids, check_keymap, is_key, warning_line


def test_every_binding_of_the_app_is_known_by_its_id() -> None:
    ids = binding_ids()
    for ident in (
        "reader.next_quote",
        "library.sort",
        "article.page_down",
        "app.help",
        "pane.down",
    ):
        assert ident in ids


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        ("n", True),
        ("ctrl+n", True),
        ("shift+space", True),
        ("question_mark", True),
        ("slash", True),
        ("pagedown", True),
        ("f5", True),
        ("zz", False),
        ("ctrl+zz", False),
        ("hyperdrive+n", False),
    ],
)
def test_is_key(key: str, valid: bool) -> None:
    assert is_key(key) is valid


def test_unknown_ids_non_keys_and_clashes_are_dropped_and_named() -> None:
    kept, problems = check_keymap(
        {
            "reader.next_quote": "n,ctrl+n",  # fine
            "reader.nope": "x",  # no such binding
            "reader.toggle_all": "zz",  # no such key
            "reader.copy": "a",  # Highlights keeps a
        }
    )
    assert kept == {"reader.next_quote": "n,ctrl+n"}
    line = warning_line(problems)
    assert "'reader.nope'" in line and "'zz' is no key" in line
    assert "reader.copy: a is taken by reader.toggle_all" in line
    assert line.endswith("(those ignored, the rest applied)") and "\n" not in line


async def test_hints_follow_the_remap(seed_article: object, seeded_cache: object) -> None:
    from test_app import RecordingApp, loaded_reader

    app = RecordingApp([seed_article], keymap={"reader.next_quote": "j", "app.help": "f1"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        assert screen._summary().endswith("f1 for keys")
        await pilot.press("1", "enter")
        await pilot.pause()
        status = str(screen.query_one("#status").render())
        assert "j/N walk them" in status


def test_the_cli_warns_in_one_line_and_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    import tui.app
    from tui.cli import reader as cli
    from tui.config import CONFIG_ENV

    config = Path(str(tmp_path)) / "config.toml"
    config.write_text('[keys]\n"reader.copy" = "a"\n"reader.next_quote" = "ctrl+n"\n')
    monkeypatch.setenv(CONFIG_ENV, str(config))
    started: dict[str, object] = {}

    def run(self: object) -> None:
        started["keymap"] = self._keymap  # type: ignore[attr-defined]
        started["warning"] = self.keymap_warning  # type: ignore[attr-defined]

    monkeypatch.setattr(tui.app.BylineApp, "run", run)
    assert cli._start_app([], model=None, open_single=False) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "reader.copy: a is taken by reader.toggle_all" in err[0]
    assert started["keymap"] == {"reader.next_quote": "ctrl+n"}
    assert started["warning"] and "reader.copy" in str(started["warning"])


def test_the_readme_key_table_matches_the_bindings() -> None:
    """The README's table of keys is the bindings' own (a changed key changes the README)."""
    from pathlib import Path

    from tui.keymap import key_table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start, end = readme.index("<!-- keys:start -->"), readme.index("<!-- keys:end -->")
    shown = readme[start + len("<!-- keys:start -->") : end].strip()
    assert shown == key_table(), "README key table out of date: regenerate it (see README)"
