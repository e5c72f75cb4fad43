"""What the app remembers between runs: theme, library sort, highlight layers, last pane.

Not settings (those are the user's, in ``config.toml``): state the app writes itself, in a
small JSON file in platformdirs' user state directory (``~/.local/state/byline/state.json``
on Linux; ``$BYLINE_STATE`` names another file). Reading never fails the app: a missing,
unreadable or damaged file means defaults; a write that fails is skipped (the next run
starts from defaults, nothing else is lost). Writes replace the file atomically.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

STATE_ENV = "BYLINE_STATE"
KNOWN = {
    "theme": str,
    "library.sort": str,
    "reader.layers": dict,
    "reader.pane": str,
    "reader.attributions": bool,
}
"""The keys kept, with their types: anything else in the file is ignored."""


def state_path() -> Path:
    explicit = os.environ.get(STATE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_state_path

    return user_state_path("byline", appauthor=False) / "state.json"


def load_state() -> dict[str, Any]:
    """The remembered values (only known keys of the right type)."""
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in KNOWN and isinstance(v, KNOWN[k])}


def remember(key: str, value: Any) -> None:
    """Keep ``value`` under ``key`` for the next run (silently skipped if it cannot be)."""
    if key not in KNOWN or not isinstance(value, KNOWN[key]):
        raise ValueError(f"not a state value: {key}={value!r}")
    state = load_state()
    if state.get(key) == value:
        return
    state[key] = value
    path = state_path()
    written: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".state-", delete=False
        ) as handle:
            written = handle.name
            json.dump(state, handle, indent=1, sort_keys=True)
        os.replace(written, path)
    except OSError:
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
