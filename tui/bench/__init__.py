"""``byline bench``: Byline's speed and memory against spaCy's and Textual's own.

Five figures, each a measured value against its target (ratios where seconds depend on the
machine): annotation throughput vs bare ``nlp.pipe``, the reader's first screen vs a
minimal Textual app, opening a cached article, reacting to a key on a long article, and
peak memory while annotating and while showing. Each module measures one figure.
"""

from tui.bench.figures import Figure

__all__ = ["Figure"]
