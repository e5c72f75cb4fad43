"""The article's text around the parse: what the rules read besides spaCy's tokens.

- :mod:`.paragraphs`: the body split into paragraphs with offsets (each parsed on its own);
- :mod:`.language`: whether a paragraph is English (the rules read English only);
- :mod:`.dateline`: "LONDON (Reuters) –" opening a paragraph;
- :mod:`.doctext`: a parsed paragraph's text and token offsets, computed once;
- :mod:`.intervals`: which recorded span covers a position.
"""
