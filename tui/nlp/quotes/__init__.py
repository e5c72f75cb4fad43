"""Quotes: quotation marks, cue words and the attribution rules over one parsed paragraph.

Each rule is a small function over a spaCy ``Doc`` named for the construction it
recognises; rules return :class:`~.record.Candidate` records in paragraph-relative
offsets. Speaker *mentions* are found here (the words in the sentence that name the
speaker); who they refer to is decided later, across the article, by
:mod:`tui.nlp.speakers`.

- :mod:`.marks`: quoted spans from the quotation marks of the whole text;
- :mod:`.cues`: the cue words ("say", "according to", "believe"; language data);
- :mod:`.record`: the candidate and cue-use records and shared token helpers;
- :mod:`.subjects`: who speaks (a cue verb's subject); :mod:`.content`: what was said;
- :mod:`.cue_uses`: every cue in a sentence with its speaker and content;
  :mod:`.according_to`: "according to X" and other source forms without a verb;
  :mod:`.reported_as`: "identified as Y by X", "cited X as saying Y";
  :mod:`.stance`: what a verb of judging is about; :mod:`.inverted`: a report closing
  its sentence that the parser misread;
- :mod:`.direct`: quotes in marks; :mod:`.reported`: reported (indirect) speech;
- :mod:`.candidates`: all the rules over one paragraph (the ``quote_candidates`` stage);
- :mod:`.records`: the annotation's quote and speaker records (the ``records`` stage).
"""
