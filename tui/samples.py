"""Where the bundled sample articles are (the reader seeds an empty library with them;
the benchmark reads them)."""

from __future__ import annotations

from pathlib import Path


def samples_dir() -> Path:
    """The bundled sample articles (beside the package in a checkout or an editable install)."""
    beside = Path(__file__).resolve().parent.parent / "samples"
    return beside if beside.is_dir() else Path.cwd() / "samples"
