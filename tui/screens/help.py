"""Help: every key of the screen below, generated from its bindings (so remaps show)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    """(keys, description, id) for every binding active on ``screen`` and its focus chain."""
    rows: dict[str, tuple[str, str, str]] = {}
    app = screen.app
    for key, active in screen.active_bindings.items():
        binding = active.binding
        description = binding.description or binding.action
        ident = binding.id or ""
        label = app.get_key_display(binding)
        keyed = ident or f"{binding.action}:{description}"
        if keyed in rows:
            previous = rows[keyed]
            if label not in previous[0].split(" / "):
                rows[keyed] = (f"{previous[0]} / {label}", previous[1], previous[2])
        else:
            rows[keyed] = (label, description, ident)
        del key
    return sorted(rows.values(), key=lambda row: (row[2].split(".")[0], row[1]))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
    ]

    def __init__(self, screen: Screen) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        table = Table(title="Keys", title_justify="left", expand=True, show_edge=False)
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("Does")
        # a Text header: a plain string would read "[keys]" as markup and drop it
        table.add_column(Text("Binding id (remap in config.toml [keys])"), style="dim")
        for keys, description, ident in binding_rows(self.target):
            table.add_row(Text(keys), Text(description), Text(ident))
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(Text("Esc closes · Ctrl+P opens the command palette", style="dim"))

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_down() if direction == "down" else body.scroll_up()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
