"""Events: what happened, who took part, where and when, as the article reports it.

Triggers are verbs and event nouns (see :mod:`.lexicon`, the language data); recall is
preferred here and ranking (``salience``, ``background``) is left to whoever shows them.

- :mod:`.context`: the :class:`~.context.Mention` record and the :class:`~.context.Context`
  the stage reads (quotes, speakers, entities, time expressions);
- :mod:`.triggers`: which tokens are events, and every trigger as a mention;
- :mod:`.details`: participants, place, status and counted quantities from the parse;
- :mod:`.times`: the time expression an event happens at;
- :mod:`.coreference`: mentions of one event inside an article grouped;
- :mod:`.records`: one :class:`~tui.model.Event` per group (:func:`~.records.extract_events`
  runs the engine's ``events`` stage);
- :mod:`.linking`: the same event (and the same person) across articles.
"""
