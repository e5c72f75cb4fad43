"""Byline: a keyboard-driven terminal news reader that shows who said what.

Importing this package is cheap on purpose: spaCy is only imported when an article is
annotated (see :mod:`tui.nlp.pipeline`), so the reader can draw its first screen first.
"""

__version__ = "0.1.0"
