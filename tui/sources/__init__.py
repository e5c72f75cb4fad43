"""Where articles come from. Every loader raises :class:`SourceError` and nothing else."""

from tui.sources.errors import SourceError
from tui.sources.plaintext import load_text_file, parse_plain_text

__all__ = ["SourceError", "load_text_file", "parse_plain_text"]
