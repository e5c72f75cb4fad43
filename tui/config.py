"""User settings from a TOML file in the platform's config directory.

``$BYLINE_CONFIG`` names the file explicitly; otherwise it is ``config.toml`` in
platformdirs' user config directory for "byline" (``~/.config/byline/config.toml`` on Linux).
A missing file means defaults; a broken one is a :class:`ConfigError` with a one-line reason,
never a traceback. Later issues add sections (key bindings, library location) here.

    [engine]
    model = "en_core_web_lg"   # any installed spaCy pipeline

    [keys]                     # binding id = keys (see ? in the app for the ids)
    "reader.next_quote" = "n,ctrl+n"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

CONFIG_ENV = "BYLINE_CONFIG"


class ConfigError(Exception):
    """The config file exists but cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings a user may change; None means "use the built-in default"."""

    model: str | None = None
    path: Path | None = None
    keys: dict[str, str] | None = None


def config_path() -> Path:
    """Where the config file is read from (it need not exist)."""
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_path

    return user_config_path("byline", appauthor=False) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The user's settings, or defaults when there is no config file."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=None)
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror or error}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    engine = data.get("engine", {})
    if not isinstance(engine, dict):
        raise ConfigError(f"{path}: [engine] must be a table")
    model = engine.get("model")
    if model is not None and (not isinstance(model, str) or not model.strip()):
        raise ConfigError(f"{path}: engine.model must be a non-empty string")
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keys.items()
    ):
        raise ConfigError(
            f'{path}: [keys] maps binding ids to keys, e.g. "reader.next_quote" = "n"'
        )
    return Config(model=model.strip() if model else None, path=path, keys=dict(keys) or None)
