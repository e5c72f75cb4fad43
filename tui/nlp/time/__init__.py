"""Time: expressions found in the parse and their TIMEX3 values.

- :mod:`.expressions`: time expressions in the parsed paragraphs, with the clause's tense
  (the engine's ``time_expressions`` stage);
- :mod:`.normalise`: a phrase to its TIMEX3 value against the publication date, rule by
  rule (:mod:`.dates`, :mod:`.relative`, :mod:`.durations`), over :mod:`.words` (the
  language data), :mod:`.calendar` (arithmetic) and :mod:`.reading` (the value record);
- :mod:`.anaphora`: "the next day", "that week" resolved against the last placed time;
- :mod:`.values`: the start and span of a TIMEX3 value, for timelines and linking.
"""
