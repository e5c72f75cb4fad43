"""The shape People, Feeds and Stories share: a list, and below it what Enter opens of a
row (a title and a second list), Esc closing that before it leaves the view."""

from __future__ import annotations

from typing import ClassVar

from tui.screens.base import LibraryView


class MasterDetailView(LibraryView):
    """A library view with a master list (``MASTER``, a widget id) and an optional detail
    (``DETAIL``: the ids of its widgets, the list to focus last). ``j``/``k`` move the
    focused list; Esc closes the detail, then the view. Each screen declares its own key
    bindings (their ids are what a user remaps) and what its rows open."""

    MASTER: ClassVar[str]
    DETAIL: ClassVar[tuple[str, ...]] = ()

    @property
    def detail_shown(self) -> bool:
        return bool(self.DETAIL) and bool(self.query_one(f"#{self.DETAIL[-1]}").display)

    def show_detail(self, shown: bool) -> None:
        """Show (and focus) the detail, or hide it and give the master the focus back."""
        for ident in self.DETAIL:
            self.query_one(f"#{ident}").display = shown
        target = self.DETAIL[-1] if shown and self.DETAIL else self.MASTER
        self.query_one(f"#{target}").focus()

    def action_cursor(self, direction: str) -> None:
        """``j``/``k`` for the lists that do not bind them themselves."""
        move = getattr(self.focused, f"action_cursor_{direction}", None)
        if callable(move):
            move()

    def action_back(self) -> None:
        if self.detail_shown:
            self.show_detail(False)
            return
        self.app.pop_screen()
