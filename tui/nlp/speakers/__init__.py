"""Speakers: who the article names and who said each quote.

- :mod:`.mention_spans`: which tokens make a name or a speaker mention;
- :mod:`.mentions`: the name mentions of an article with their roles (``name_mentions``);
- :mod:`.names`: comparing written names ("Zelenskyy", "Zelenskiy");
- :mod:`.world`: world knowledge (countries, office holders) over ``tui/data/*.json``;
- :mod:`.words`, :mod:`.sourcewords`: pronouns, role, institution, document and
  communication nouns (language data);
- :mod:`.clusters`: a speaker cluster, its kind, name and key;
- :mod:`.resolver`: names, pronouns and descriptions resolved to clusters in reading order;
- :mod:`.quote_speakers`: each quote candidate's speaker mention resolved to a cluster
  (the ``mistagged_names`` and ``speaker_resolution`` stages).
"""
