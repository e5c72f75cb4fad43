"""Small modal questions: a yes/no confirmation and a one-line answer with a check.

Both dismiss with their answer (``True``/``False``, or the text/``None``), so a caller
passes a callback to ``push_screen`` and stays in charge of what happens next. Everything
shown that comes from an article or a user is text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.highlight import displayable, quiet_style


class ConfirmScreen(ModalScreen[bool]):
    """A question answered with y/Enter (yes) or n/Esc (no)."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        """``detail``: what the question is about (an article's title), shown as text."""
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(displayable(self.question), style="bold"), id="dialog-question")
            if self.detail:
                yield Static(Text(displayable(self.detail)), id="dialog-detail")
            yield Static(Text("y / Enter: yes · n / Esc: no", style=quiet_style(self.app)))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class AskScreen(ModalScreen[str | None]):
    """One line of input; ``check`` returns why an answer is refused (None: accepted)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

    def __init__(
        self,
        question: str,
        *,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(displayable(self.question), style="bold"))
            yield Input(value=self.value, placeholder=self.placeholder, id="dialog-input")
            yield Static(id="dialog-problem")
            yield Static(Text("Enter: OK · Esc: cancel", style=quiet_style(self.app)))

    def on_mount(self) -> None:
        self.query_one("#dialog-problem").display = False
        self.query_one(Input).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        answer = message.value.strip()
        problem = self.check(answer) if self.check is not None else None
        if problem is None and not answer:
            problem = "Type an answer, or Esc to cancel"
        if problem is not None:
            box = self.query_one("#dialog-problem", Static)
            box.update(Text(displayable(problem), style="bold"))
            box.display = True
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
