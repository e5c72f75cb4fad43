"""One small test per English attribution construction, each on a short invented article.

Every article, person and organisation here is made up for the test. Expected answers
follow the Gender Gap Tracker conventions a careful human annotator applies: a direct quote
includes its quotation marks; an indirect quote starts at "that" if present, else at the
reported clause, and excludes the final period; a direct quote interrupted by its
attribution is two quotes; a quote with no attribution in its sentence inherits the previous
quote's speaker (a floating quote); a quote running over paragraphs is one quote per
paragraph.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tui.model import Annotation, Article, Quote

pytestmark = pytest.mark.slow  # every test runs the spaCy pipeline

DATE = "2024-05-02"


# ----------------------------------------------------------------------------- helpers


def annotate(annotator: Any, text: str) -> Annotation:
    return annotator.annotate(Article.from_text(text, date=DATE))


def _plain(name: str | None) -> str | None:
    """Case and a leading "the" are a matter of taste for mentions and names of bodies."""
    if name is None:
        return None
    folded = name.strip().lower()
    return folded[4:] if folded.startswith("the ") else folded


def _summary(annotation: Annotation) -> list[tuple[str, str, str | None]]:
    return [
        (
            q.kind,
            q.text,
            (s.name if (s := annotation.speaker(q.speaker_id)) is not None else None),
        )
        for q in annotation.quotes
    ]


def quote_covering(annotation: Annotation, fragment: str) -> Quote:
    """The quote whose span covers ``fragment`` (which must occur once in the article)."""
    text = annotation.article.text
    assert text.count(fragment) == 1, f"{fragment!r} must occur exactly once"
    start = text.index(fragment)
    end = start + len(fragment)
    found = [q for q in annotation.quotes if q.start <= start and end <= q.end]
    assert found, f"no quote covers {fragment!r}; quotes: {_summary(annotation)}"
    return found[0]


def speaker_covering(annotation: Annotation, fragment: str) -> Any:
    """The resolved speaker of the quote covering ``fragment``."""
    speaker = annotation.speaker(quote_covering(annotation, fragment).speaker_id)
    assert speaker is not None, _summary(annotation)
    return speaker


def no_quote_touches(annotation: Annotation, fragment: str) -> None:
    text = annotation.article.text
    start = text.index(fragment)
    end = start + len(fragment)
    touching = [q.text for q in annotation.quotes if q.start < end and start < q.end]
    assert not touching, f"{fragment!r} should be in no quote, found in {touching}"


def check_quote(
    annotation: Annotation,
    quote: Quote,
    *,
    kind: str,
    cue: str | None,
    mention: str | None,
    speaker: str,
    text: str | None = None,
    speaker_kind: str | None = None,
) -> None:
    """The quote's kind, exact text (when given), cue, speaker mention and speaker."""
    assert quote.kind == kind, f"{quote.text!r}: kind {quote.kind}"
    if text is not None:
        assert quote.text == text
    assert (quote.cue.text if quote.cue else None) == cue, f"{quote.text!r}: cue {quote.cue}"
    got_mention = quote.speaker_mention.text if quote.speaker_mention else None
    assert _plain(got_mention) == _plain(mention), f"{quote.text!r}: mention {got_mention!r}"
    resolved = annotation.speaker(quote.speaker_id)
    assert resolved is not None, f"{quote.text!r} has no speaker"
    assert _plain(resolved.name) == _plain(speaker), f"{quote.text!r}: speaker {resolved.name!r}"
    if speaker_kind is not None:
        assert resolved.kind == speaker_kind, f"{resolved.name!r} is {resolved.kind}"


def check_only_quote(annotator: Any, article_text: str, **expected: Any) -> None:
    """The article's one quote, checked as :func:`check_quote` does."""
    annotation = annotate(annotator, article_text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(annotation, annotation.quotes[0], **expected)


# ----------------------------------------------------------------------------- reported clauses


def test_said_that_gives_an_indirect_quote_starting_at_that(annotator: Any) -> None:
    text = (
        "Marta Lindqvist, the mayor of Harbourton, said that the new bridge would open in June. "
        "Work on the crossing began two years ago."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="that the new bridge would open in June",
        cue="said",
        mention="Marta Lindqvist, the mayor of Harbourton,",
        speaker="Marta Lindqvist",
        speaker_kind="person",
    )


def test_the_cue_keeps_its_auxiliaries_and_adverbs_and_the_source_its_title(
    annotator: Any,
) -> None:
    """The field's span conventions (PolNeAR's): a cue is the verb with the auxiliaries and
    adverbs before it; a source is the whole noun phrase, title included. The speaker is
    still the name."""
    check_only_quote(
        annotator,
        "Former Mayor Oskar Lindgren has repeatedly said that the tunnel will never be built. "
        "The council has not replied.",
        kind="indirect",
        text="that the tunnel will never be built",
        cue="has repeatedly said",
        mention="Former Mayor Oskar Lindgren",
        speaker="Oskar Lindgren",
    )


def test_a_cue_after_a_preposition_borrows_the_subject_of_its_verb(annotator: Any) -> None:
    check_only_quote(
        annotator,
        "Petra Haugland opened the meeting by saying that the budget would be cut. "
        "Nobody objected.",
        kind="indirect",
        text="that the budget would be cut",
        cue="saying",
        mention="Petra Haugland",
        speaker="Petra Haugland",
    )


def test_said_without_that_starts_at_the_reported_clause(annotator: Any) -> None:
    text = (
        "Tobias Whitcombe said the company would cut 200 jobs by December. "
        "The announcement surprised staff at the plant."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="the company would cut 200 jobs by December",
        cue="said",
        mention="Tobias Whitcombe",
        speaker="Tobias Whitcombe",
    )


# ----------------------------------------------------------------------------- direct quotes


def test_quote_then_name_said(annotator: Any) -> None:
    text = (
        "“We are ready for the new season,” Rafael Ostrowski said. "
        "The club plays its first match on Saturday."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="direct",
        text="“We are ready for the new season,”",
        cue="said",
        mention="Rafael Ostrowski",
        speaker="Rafael Ostrowski",
    )


def test_quote_then_inverted_said_name(annotator: Any) -> None:
    text = (
        "“The figures speak for themselves,” said Helena Marchetti. "
        "Her agency will publish its full report next week."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="direct",
        text="“The figures speak for themselves,”",
        cue="said",
        mention="Helena Marchetti",
        speaker="Helena Marchetti",
    )


def test_colon_introduces_a_direct_quote(annotator: Any) -> None:
    text = (
        "Gareth Penhallow said: “Nobody will lose their home because of this scheme.” "
        "The council votes on the plan on Monday."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="direct",
        text="“Nobody will lose their home because of this scheme.”",
        cue="said:",  # the colon that opens the quotation is the cue's (PolNeAR's spans)
        mention="Gareth Penhallow",
        speaker="Gareth Penhallow",
    )


def test_quote_interrupted_by_its_attribution_is_two_quotes_of_one_speaker(
    annotator: Any,
) -> None:
    text = (
        "Priya Ramaswamy has led the flood rescue team in Dunmore since 2019. "
        "“The river rose faster than anyone expected,” she said, "
        "“and the pumps could not keep up.”"
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    first, second = annotation.quotes
    for quote, quoted in (
        (first, "“The river rose faster than anyone expected,”"),
        (second, "“and the pumps could not keep up.”"),
    ):
        check_quote(
            annotation,
            quote,
            kind="direct",
            text=quoted,
            cue="said",
            mention="she",
            speaker="Priya Ramaswamy",
        )
    assert first.speaker_id == second.speaker_id


def test_floating_quote_inherits_the_previous_speaker(annotator: Any) -> None:
    text = (
        "“We will appeal the ruling,” said Declan Fairbairn, the union's lawyer. "
        "“Our members deserve a fair hearing.” The court has not yet set a date."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    first, floating = annotation.quotes
    check_quote(
        annotation,
        first,
        kind="direct",
        text="“We will appeal the ruling,”",
        cue="said",
        mention="Declan Fairbairn, the union's lawyer",
        speaker="Declan Fairbairn",
    )
    check_quote(
        annotation,
        floating,
        kind="direct",
        text="“Our members deserve a fair hearing.”",
        cue=None,
        mention=None,
        speaker="Declan Fairbairn",
    )
    assert floating.speaker_id == first.speaker_id
    no_quote_touches(annotation, "The court has not yet set a date")


def test_quote_over_two_paragraphs_is_one_quote_per_paragraph(annotator: Any) -> None:
    text = (
        "Ingrid Halvorsen, the hospital's chief executive, said: “We have been asked to do "
        "more with less for three years in a row.\n\n"
        "“This winter we simply cannot keep every ward open.”"
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    first, second = annotation.quotes
    check_quote(
        annotation,
        first,
        kind="direct",
        text="“We have been asked to do more with less for three years in a row.",
        cue="said:",
        mention="Ingrid Halvorsen, the hospital's chief executive,",
        speaker="Ingrid Halvorsen",
    )
    assert second.kind == "direct"
    assert second.text == "“This winter we simply cannot keep every ward open.”"
    assert second.speaker_id == first.speaker_id


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»")],
    ids=["curly", "straight", "single", "guillemet"],
)
def test_every_kind_of_quotation_mark(annotator: Any, opening: str, closing: str) -> None:
    quoted = f"{opening}The count was fair,{closing}"
    text = f"{quoted} Nadia Petrescu said. Turnout reached 61 percent."
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="direct",
        text=quoted,
        cue="said",
        mention="Nadia Petrescu",
        speaker="Nadia Petrescu",
    )


def test_unclosed_quotation_mark_stays_in_its_paragraph(annotator: Any) -> None:
    text = (
        "“The shipment will arrive on Friday, Konrad Vesely said. The warehouse employs 40 "
        "people.\n\n"
        "Separately, Lucia Benedetti said the town would build a new school next year."
    )
    annotation = annotate(annotator, text)
    annotation.validate()
    boundary = text.index("\n\n")
    for quote in annotation.quotes:
        assert not quote.start < boundary < quote.end, f"{quote.text!r} crosses paragraphs"
    check_quote(
        annotation,
        quote_covering(annotation, "the town would build a new school next year"),
        kind="indirect",
        text="the town would build a new school next year",
        cue="said",
        mention="Lucia Benedetti",
        speaker="Lucia Benedetti",
    )


def test_attribution_after_an_unclosed_quotation_mark_is_still_read(annotator: Any) -> None:
    text = (
        "“The shipment will arrive on Friday, Konrad Vesely said. The warehouse employs 40 people."
    )
    annotation = annotate(annotator, text)
    quote = quote_covering(annotation, "The shipment will arrive on Friday")
    speaker = annotation.speaker(quote.speaker_id)
    assert speaker is not None and speaker.name == "Konrad Vesely"
    no_quote_touches(annotation, "The warehouse employs 40 people")


def test_stray_closing_quotation_mark_is_ignored(annotator: Any) -> None:
    text = (
        "Konrad Vesely said the shipment would arrive on Friday.” The warehouse employs 40 "
        "people. Lucia Benedetti said the town would hire more drivers."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="the shipment would arrive on Friday",
        cue="said",
        mention="Konrad Vesely",
        speaker="Konrad Vesely",
    )
    check_quote(
        annotation,
        annotation.quotes[1],
        kind="indirect",
        text="the town would hire more drivers",
        cue="said",
        mention="Lucia Benedetti",
        speaker="Lucia Benedetti",
    )


def test_mixed_quote_has_quoted_words_inside_a_reported_clause(annotator: Any) -> None:
    text = (
        "Agnieszka Brandt said the plan was “a disaster” for farmers. "
        "She spoke at a rally in the town square."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="mixed",
        text="the plan was “a disaster” for farmers",
        cue="said",
        mention="Agnieszka Brandt",
        speaker="Agnieszka Brandt",
    )


# ----------------------------------------------------------------------------- other cues


def test_according_to_names_the_source(annotator: Any) -> None:
    text = (
        "According to Viktor Stenmark, the factory will close by the end of the year. "
        "Workers have not been told."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    quote = annotation.quotes[0]
    check_quote(
        annotation,
        quote,
        kind="indirect",
        text="the factory will close by the end of the year",
        cue="According to",
        mention="Viktor Stenmark",
        speaker="Viktor Stenmark",
    )
    assert quote.cue is not None and quote.cue.text.lower() == "according to"


def test_adding_that_inherits_the_subject(annotator: Any) -> None:
    text = (
        "Emeka Adeyemi said the airline had ordered twelve new jets, "
        "adding that deliveries would begin in March."
    )
    annotation = annotate(annotator, text)
    check_quote(
        annotation,
        quote_covering(annotation, "deliveries would begin in March"),
        kind="indirect",
        text="that deliveries would begin in March",
        cue="adding",
        mention="Emeka Adeyemi",
        speaker="Emeka Adeyemi",
    )


def test_said_clause_before_adding_is_kept(annotator: Any) -> None:
    text = (
        "Emeka Adeyemi said the airline had ordered twelve new jets, "
        "adding that deliveries would begin in March."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="the airline had ordered twelve new jets",
        cue="said",
        mention="Emeka Adeyemi",
        speaker="Emeka Adeyemi",
    )


def test_a_person_with_an_unfamiliar_first_name_is_a_person(annotator: Any) -> None:
    text = (
        "Emeka Adeyemi said the airline had ordered twelve new jets. "
        "The order is worth $1.2 billion."
    )
    annotation = annotate(annotator, text)
    check_quote(
        annotation,
        quote_covering(annotation, "the airline had ordered twelve new jets"),
        kind="indirect",
        text="the airline had ordered twelve new jets",
        cue="said",
        mention="Emeka Adeyemi",
        speaker="Emeka Adeyemi",
        speaker_kind="person",
    )


def test_saying_participle_inherits_the_subject(annotator: Any) -> None:
    text = (
        "Sofia Carvalho criticised the delays on Friday, "
        "saying the motorway should have reopened weeks ago."
    )
    annotation = annotate(annotator, text)
    # her criticism is a stance of its own (what she judged), her words are the speech
    assert [(q.kind, q.text) for q in annotation.quotes if not q.is_speech] == [
        ("stance", "the delays")
    ]
    annotation = replace(annotation, quotes=tuple(q for q in annotation.quotes if q.is_speech))
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="the motorway should have reopened weeks ago",
        cue="saying",
        mention="Sofia Carvalho",
        speaker="Sofia Carvalho",
    )


def test_told_reporters_that_excludes_the_addressee(annotator: Any) -> None:
    text = (
        "Henrik Dahlberg told reporters that the talks had collapsed. "
        "He left the building without further comment."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="that the talks had collapsed",
        cue="told",
        mention="Henrik Dahlberg",
        speaker="Henrik Dahlberg",
    )


def test_wrote_in_a_statement_that(annotator: Any) -> None:
    text = (
        "Cordelia Ashworth wrote in a statement that the museum would return the statue next year."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="that the museum would return the statue next year",
        cue="wrote",
        mention="Cordelia Ashworth",
        speaker="Cordelia Ashworth",
    )


@pytest.mark.parametrize(
    ("text", "cue", "clause", "name"),
    [
        (
            "Lorenzo Bellamy tweeted that the bill would pass before the summer recess.",
            "tweeted",
            "that the bill would pass before the summer recess",
            "Lorenzo Bellamy",
        ),
        (
            "Mirela Kostova posted on Facebook that the festival had been cancelled.",
            "posted",
            "that the festival had been cancelled",
            "Mirela Kostova",
        ),
    ],
    ids=["tweeted", "posted"],
)
def test_social_media_cues(annotator: Any, text: str, cue: str, clause: str, name: str) -> None:
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text=clause,
        cue=cue,
        mention=name,
        speaker=name,
    )


# ----------------------------------------------------------------------------- passives, negation


def test_passive_with_agent_it_was_reported_by(annotator: Any) -> None:
    text = "The copper mine will close next spring, it was reported by the Northern Courier."
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="The copper mine will close next spring",
        cue="was reported",
        mention="the Northern Courier",
        speaker="Northern Courier",
        speaker_kind="organization",
    )


def test_passive_with_agent_it_was_announced_by(annotator: Any) -> None:
    text = "It was announced by the health ministry that hospitals would hire 500 more nurses."
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="that hospitals would hire 500 more nurses",
        cue="was announced",
        mention="the health ministry",
        speaker="health ministry",
        speaker_kind="organization",
    )


def test_agentless_passive_is_no_quote(annotator: Any) -> None:
    text = (
        "The minister was reported to have resigned on Monday evening. "
        "Her deputy, Pavel Horak, said the ministry would carry on as normal."
    )
    annotation = annotate(annotator, text)
    no_quote_touches(annotation, "The minister was reported to have resigned on Monday evening")
    assert len(annotation.quotes) == 1, _summary(annotation)
    quote_covering(annotation, "the ministry would carry on as normal")


def test_negated_cue_is_no_quote(annotator: Any) -> None:
    text = (
        "Margaret Holloway did not say whether the refinery would reopen. "
        "She said the 300 workers would keep their pay until June."
    )
    annotation = annotate(annotator, text)
    no_quote_touches(annotation, "whether the refinery would reopen")
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="the 300 workers would keep their pay until June",
        cue="said",
        mention="She",
        speaker="Margaret Holloway",
    )


def test_first_name_outside_the_person_entity_is_kept(annotator: Any) -> None:
    text = "Rosalind Achterberg said the refinery was safe. The plant has been idle since March."
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="the refinery was safe",
        cue="said",
        mention="Rosalind Achterberg",
        speaker="Rosalind Achterberg",
    )


# ----------------------------------------------------------------------------- speaker resolution


def test_he_and_she_go_to_the_person_of_that_gender(annotator: Any) -> None:
    text = (
        "Oliver Brennan met Clara Vogt in Geneva on Monday. "
        "She said the negotiations were making progress. "
        "He said a deal was still weeks away."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    check_quote(
        annotation,
        quote_covering(annotation, "the negotiations were making progress"),
        kind="indirect",
        text="the negotiations were making progress",
        cue="said",
        mention="She",
        speaker="Clara Vogt",
    )
    check_quote(
        annotation,
        quote_covering(annotation, "a deal was still weeks away"),
        kind="indirect",
        text="a deal was still weeks away",
        cue="said",
        mention="He",
        speaker="Oliver Brennan",
    )


def test_they_goes_to_a_plural_group(annotator: Any) -> None:
    text = (
        "Police officials arrested two men in Tarrow on Saturday. "
        "They said the suspects had been planning a robbery."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 1, _summary(annotation)
    check_quote(
        annotation,
        annotation.quotes[0],
        kind="indirect",
        text="the suspects had been planning a robbery",
        cue="said",
        mention="They",
        speaker="Police officials",
        speaker_kind="group",
    )


def test_title_description_joins_the_named_holder(annotator: Any) -> None:
    text = (
        "Interior Minister Beata Wierzbicka said the border would stay open. "
        "The minister added that extra patrols would be sent."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    first, second = annotation.quotes
    check_quote(
        annotation,
        first,
        kind="indirect",
        text="the border would stay open",
        cue="said",
        mention="Interior Minister Beata Wierzbicka",
        speaker="Beata Wierzbicka",
    )
    check_quote(
        annotation,
        second,
        kind="indirect",
        text="that extra patrols would be sent",
        cue="added",
        mention="The minister",
        speaker="Beata Wierzbicka",
    )
    assert first.speaker_id == second.speaker_id


def test_surname_alone_joins_the_full_name(annotator: Any) -> None:
    text = (
        "Fernando Alcantara said the orchestra would tour Japan in the autumn. "
        "Alcantara added that tickets would go on sale in July."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    first, second = annotation.quotes
    check_quote(
        annotation,
        second,
        kind="indirect",
        text="that tickets would go on sale in July",
        cue="added",
        mention="Alcantara",
        speaker="Fernando Alcantara",
    )
    assert first.speaker_id == second.speaker_id
    assert len(annotation.speakers) == 1


def test_transliteration_variant_of_a_surname_is_one_speaker(annotator: Any) -> None:
    text = (
        "Bohdan Kravchenskyy said the grain corridor would stay open. "
        "Kravchenskiy added that ships were already waiting in port."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    first, second = annotation.quotes
    check_quote(
        annotation,
        second,
        kind="indirect",
        text="that ships were already waiting in port",
        cue="added",
        mention="Kravchenskiy",
        speaker="Bohdan Kravchenskyy",
    )
    assert first.speaker_id == second.speaker_id
    assert len(annotation.speakers) == 1
    surfaces = {m.text for m in annotation.speakers[0].mentions}
    assert "Kravchenskiy" in surfaces
    assert any(surface.endswith("Kravchenskyy") for surface in surfaces)


@pytest.mark.parametrize(
    ("full", "short"),
    [
        pytest.param("The Riverside Housing Trust", "The RHT", id="riverside-housing-trust"),
        pytest.param(
            "The Baltic Fisheries Commission",
            "The BFC",
            id="baltic-fisheries-commission",
        ),
        pytest.param(
            "The Meridian Energy Group",
            "MEG",
            id="meridian-energy-group-bare-acronym",
        ),
    ],
)
def test_organisation_and_its_acronym_are_one_speaker(
    annotator: Any, full: str, short: str
) -> None:
    text = (
        f"{full} said its offices would close for a week. "
        f"{short} said the closure would save money."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    first, second = annotation.quotes
    name = full.removeprefix("The ")
    check_quote(
        annotation,
        first,
        kind="indirect",
        text="its offices would close for a week",
        cue="said",
        mention=full,
        speaker=name,
        speaker_kind="organization",
    )
    check_quote(
        annotation,
        second,
        kind="indirect",
        text="the closure would save money",
        cue="said",
        mention=short,
        speaker=name,
    )
    assert len(annotation.speakers) == 1


def test_unnamed_speakers_are_unnamed_or_groups(annotator: Any) -> None:
    text = (
        "A spokesman for the airline said the flight had landed safely. "
        "Officials said an investigation had been opened."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    spokesman, officials = annotation.quotes
    check_quote(
        annotation,
        spokesman,
        kind="indirect",
        text="the flight had landed safely",
        cue="said",
        mention="A spokesman for the airline",
        speaker="spokesman for the airline",
        speaker_kind="unnamed",
    )
    check_quote(
        annotation,
        officials,
        kind="indirect",
        text="an investigation had been opened",
        cue="said",
        mention="Officials",
        speaker="Officials",
        speaker_kind="group",
    )
    assert spokesman.speaker_id != officials.speaker_id


def test_office_description_resolves_by_date_to_the_office_holder(annotator: Any) -> None:
    text = (
        "Joe Biden and Canadian Prime Minister Margaret Ellery met in Ottawa on Wednesday. "
        "Ellery said the two countries would share border data. "
        "The U.S. president said the agreement would make both nations safer."
    )
    annotation = annotate(annotator, text)
    assert len(annotation.quotes) == 2, _summary(annotation)
    check_quote(
        annotation,
        quote_covering(annotation, "the two countries would share border data"),
        kind="indirect",
        text="the two countries would share border data",
        cue="said",
        mention="Ellery",
        speaker="Margaret Ellery",
    )
    check_quote(
        annotation,
        quote_covering(annotation, "the agreement would make both nations safer"),
        kind="indirect",
        text="the agreement would make both nations safer",
        cue="said",
        mention="The U.S. president",
        speaker="Joe Biden",
        speaker_kind="person",
    )


# ----------------------------------------------------------------------------- marks and asides


def test_two_apostrophes_make_a_quotation_mark(annotator: Any) -> None:
    """''…'' (two apostrophes, as some wires type it) is a direct quote, marks included."""
    check_only_quote(
        annotator,
        "''We are not done yet,'' said Rosa Kettering, the union's leader. Talks resume today.",
        kind="direct",
        text="''We are not done yet,''",
        cue="said",
        mention="Rosa Kettering, the union's leader",
        speaker="Rosa Kettering",
    )


def test_a_title_in_quotation_marks_is_no_quote(annotator: Any) -> None:
    text = (
        "Senator Ilse Morgenthal appeared on “Meet the Press” on Sunday and said the bill "
        "was dead. Her memoir, “The Long Road Home,” sold well."
    )
    annotation = annotate(annotator, text)
    no_quote_touches(annotation, "Meet the Press")
    no_quote_touches(annotation, "The Long Road Home")
    assert [q.text for q in annotation.quotes] == ["the bill was dead"]


def test_a_clause_around_an_according_to_aside_is_one_quote(annotator: Any) -> None:
    text = (
        "Officials met on Thursday. The decision, according to the prime minister's office, "
        "was made on Friday."
    )
    annotation = annotate(annotator, text)
    assert [q.text for q in annotation.quotes] == [
        "The decision, according to the prime minister's office, was made on Friday"
    ], _summary(annotation)


# ------------------------------------------------------------------ sources that are not people


def test_a_document_speaks_for_the_body_named_on_it(annotator: Any) -> None:
    text = (
        "A UN report said the camps were full. The Internal Revenue Service website says "
        "returns are due in April."
    )
    annotation = annotate(annotator, text)
    speakers = {q.text: annotation.speaker(q.speaker_id) for q in annotation.quotes}
    assert {text: (s.name, s.kind) for text, s in speakers.items() if s is not None} == {
        "the camps were full": ("UN", "organization"),
        "returns are due in April": ("Internal Revenue Service", "organization"),
    }


def test_an_organisation_keeps_the_word_that_looks_like_a_title(annotator: Any) -> None:
    text = "The State Department said on Friday that the talks would resume in May."
    annotation = annotate(annotator, text)
    [quote] = annotation.quotes
    speaker = annotation.speaker(quote.speaker_id)
    assert speaker is not None and (speaker.name, speaker.kind) == (
        "State Department",
        "organization",
    )


def test_a_term_that_refers_to_something_is_no_speaker(annotator: Any) -> None:
    text = (
        "Since 1967 the term “Green Line” has referred to the old armistice border. "
        "Maps still show it."
    )
    annotation = annotate(annotator, text)
    assert not annotation.speakers, _summary(annotation)


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            "LONDON (Reuters) – “We will fight on,” Councillor Edith Marsh said on Monday.",
            "“We will fight on,”",
            "Councillor Edith Marsh",
        ),
        (
            "PARIS, June 3 (AFP) - France will raise taxes, the finance minister said.",
            "France will raise taxes",
            "the finance minister",
        ),
        (
            "KYIV — The region's governor said the attack killed five people.",
            "the attack killed five people",
            "The region's governor",
        ),
    ],
)
def test_a_dateline_is_neither_source_nor_quote(
    annotator: Any, text: str, quote: str, mention: str
) -> None:
    annotation = annotate(annotator, text)
    assert [
        (q.text, q.speaker_mention.text if q.speaker_mention else None) for q in annotation.quotes
    ] == [(quote, mention)], _summary(annotation)
    assert all(q.kind != "mixed" for q in annotation.quotes)


# ----------------------------------------------------------------------------- not speech


@pytest.mark.parametrize(
    ("text", "kind", "content", "speaker"),
    [
        (
            "Senator Ilse Morgenthal spoke in Bonn. Morgenthal believes the plan will fail.",
            "belief",
            "the plan will fail",
            "Ilse Morgenthal",
        ),
        (
            "Senator Ilse Morgenthal spoke in Bonn. Morgenthal hopes to win the seat in June.",
            "belief",
            "to win the seat in June",
            "Ilse Morgenthal",
        ),
        (
            "Governor Tomas Ekberg spoke on Friday. Ekberg plans to veto the harbour bill.",
            "belief",
            "to veto the harbour bill",
            "Tomas Ekberg",
        ),
        (
            "Senator Ilse Morgenthal spoke in Bonn. Morgenthal accused the mayor of hiding "
            "the audit on Friday.",
            "stance",
            "the mayor of hiding the audit",
            "Ilse Morgenthal",
        ),
        (
            "Governor Tomas Ekberg spoke on Friday. Ekberg praised the rescue teams for "
            "their courage on Saturday.",
            "stance",
            "the rescue teams for their courage",
            "Tomas Ekberg",
        ),
        (
            "A new Harbourton Gazette poll showed the mayor leading by ten points.",
            "evidence",
            "the mayor leading by ten points",
            None,
        ),
        (
            "Governor Tomas Ekberg endorsed Ilse Morgenthal for president on Friday.",
            "endorsement",
            "Ilse Morgenthal for president",
            "Tomas Ekberg",
        ),
    ],
)
def test_beliefs_evidence_and_endorsements_are_attributions_of_their_own_kind(
    annotator: Any, text: str, kind: str, content: str, speaker: str | None
) -> None:
    annotation = annotate(annotator, text)
    found = [q for q in annotation.quotes if q.kind == kind]
    assert [q.text for q in found] == [content], _summary(annotation)
    assert not any(q.is_speech for q in annotation.quotes)
    if speaker is not None:
        who = annotation.speaker(found[0].speaker_id)
        assert who is not None and who.name == speaker


def test_showing_and_backing_things_attribute_nothing(annotator: Any) -> None:
    text = "Ilse Morgenthal showed her tax returns to reporters. Tomas Ekberg backed the bill."
    assert annotate(annotator, text).quotes == ()


def test_a_transcript_turn_is_its_speaker_s_words(annotator: Any) -> None:
    text = (
        "Governor Edda Lindqvist spoke to the network on Sunday.\n\n"
        "ANNA BERG: Do you think the bridge will open this year?\n\n"
        "LINDQVIST: I think it will open in June. The money is there.\n\n"
        "UN: PEACEKEEPERS PAID FOR SEX"
    )
    annotation = annotate(annotator, text)
    found = [
        (q.text, q.cue.text if q.cue else None, annotation.speaker(q.speaker_id).name)
        for q in annotation.quotes
        if annotation.speaker(q.speaker_id) is not None
    ]
    assert found == [
        ("Do you think the bridge will open this year?", ":", "ANNA BERG"),
        ("I think it will open in June. The money is there.", ":", "Edda Lindqvist"),
    ], _summary(annotation)


def test_a_sentence_of_speaking_introduces_the_quotation_after_it(annotator: Any) -> None:
    """The quotation is the speaker's of the sentence that introduces it, not the
    previous quote's speaker's."""
    text = (
        'Mayor Jonas Reuter wrote on Twitter, "We will rebuild the bridge by June."\n\n'
        "Greta Holm, a councillor, also criticized the plan via Twitter. "
        '"The plan ignores the river and the people who live by it."\n\n'
        'Senator Olle Berg spoke on the radio, "This is a waste of money."'
    )
    annotation = annotate(annotator, text)
    found = {
        q.text[:12]: s.name
        for q in annotation.quotes
        if (s := annotation.speaker(q.speaker_id)) is not None and q.is_speech
    }
    assert found == {
        '"We will reb': "Jonas Reuter",
        '"The plan ig': "Greta Holm",
        '"This is a w': "Olle Berg",
    }, _summary(annotation)


def test_a_speaker_s_name_stops_before_the_report_it_makes(annotator: Any) -> None:
    text = "Fans posted videos calling for the immediate release of the two reporters."
    annotation = annotate(annotator, text)
    assert [s.name for s in annotation.speakers] == ["videos"], _summary(annotation)


def test_a_name_taken_into_a_time_phrase_is_the_subject(annotator) -> None:  # type: ignore[no-untyped-def]
    """ "On Friday Ford Motor Company announced…" parses as "On [Friday Ford Motor Company]"."""
    from tui.model import Article

    text = "On Friday Ford Motor Company announced the Department of Justice was investigating."
    annotation = annotator.annotate(Article("t", "T", "2019-04-28", None, None, text))
    names = {s.id: s.name for s in annotation.speakers}
    assert [(names[q.speaker_id], q.cue.text if q.cue else None) for q in annotation.quotes] == [
        ("Ford Motor Company", "announced")
    ]


def test_a_directive_parsed_as_an_adverbial_clause_is_reported(annotator) -> None:  # type: ignore[no-untyped-def]
    from tui.model import Article

    text = "The decree instructs archbishops to notify the Vatican of any allegations."
    annotation = annotator.annotate(Article("t", "T", "2019-05-09", None, None, text))
    assert [q.text for q in annotation.quotes] == ["to notify the Vatican of any allegations"]


def test_crown_prince_is_a_title_and_the_clause_outside_a_quotation_is_no_quote(annotator) -> None:  # type: ignore[no-untyped-def]
    """Sample 032: "Speaking to Martin Smith of PBS, he said, “It happened…”" is one
    direct quote, and its speaker is Mohammad bin Salman, Crown Prince."""
    from tui.model import Article

    text = (
        "Crown Prince Mohammad bin Salman spoke on Monday. Speaking to Martin Smith of PBS, "
        'he said, "It happened under my watch."'
    )
    annotation = annotator.annotate(Article("t", "T", "2019-09-27", None, None, text))
    speakers = {s.id: s for s in annotation.speakers}
    assert [(q.kind, q.text) for q in annotation.quotes] == [
        ("direct", '"It happened under my watch."')
    ]
    speaker = speakers[annotation.quotes[0].speaker_id]
    assert (speaker.name, speaker.role) == ("Mohammad bin Salman", "Crown Prince")


# ------------------------------------------------------------ what kind of speaker it is


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kenyans across the country announced they will vote against the plan.", "Kenyans"),
        ("Most Norwegians said the tax was unfair.", "Norwegians"),
    ],
)
def test_a_people_named_by_its_demonym_is_a_group(annotator: Any, text: str, name: str) -> None:
    """A plural demonym names a group of people, not a body that speaks as one."""
    annotation = annotate(annotator, text)
    speakers = {s.id: s for s in annotation.speakers}
    found = [(speakers[q.speaker_id].name, speakers[q.speaker_id].kind) for q in annotation.quotes]
    assert found and all(kind == "group" for _, kind in found), found
    assert any(name in found_name for found_name, _ in found), found


def test_a_role_in_capitals_is_no_name(annotator: Any) -> None:
    """ "A number of Senators condemned …": senators capitalised are still senators."""
    text = (
        "The regulator refused to renew the licence of the Orvale network. A number of "
        'Senators condemned the decision, calling it "a grave abuse of power."'
    )
    annotation = annotate(annotator, text)
    assert speaker_covering(annotation, "a grave abuse of power.").kind == "group"


def test_a_name_described_as_a_body_in_apposition_is_that_body(annotator: Any) -> None:
    """ "Freewire, a blog run by the journalist Mara Tolle, says …": the apposition's own
    head (blog) says what Freewire is, not a noun inside its modifiers (journalist)."""
    text = (
        "Freewire, a blog run by the Denver journalist Mara Tolle, says the vote was "
        '"a farce from start to finish."'
    )
    speaker = speaker_covering(annotate(annotator, text), "a farce from start to finish.")
    assert (speaker.name, speaker.kind) == ("Freewire", "organization")


def test_a_long_name_nested_by_the_parser_is_named_whole(annotator: Any) -> None:
    """ "Andrés Manuel López Obrador": the parser hangs "Andrés" on "Manuel", not on the
    surname; the speaker is still named in full."""
    text = (
        "According to Mexican President Andrés Manuel López Obrador, six Mexican nationals "
        "were killed in the attack."
    )
    annotation = annotate(annotator, text)
    names = [s.name for s in annotation.speakers]
    assert "Andrés Manuel López Obrador" in names, names


def test_a_name_the_article_calls_a_body_is_no_person(annotator: Any) -> None:
    """However the tagger labels a one-word name, "the site" in apposition makes it a body."""
    text = (
        "Brindle, the site where users trade recipes, said it would appeal the ruling. "
        '"We disagree with the court," Brindle said.'
    )
    annotation = annotate(annotator, text)
    kinds = {s.name: s.kind for s in annotation.speakers}
    assert kinds.get("Brindle") == "organization", kinds


def test_a_name_given_in_quotation_marks_is_no_quote(annotator: Any) -> None:
    """ "named the virus … “severe acute respiratory syndrome coronavirus 2”": a name
    given, not words said (the article's previous quote must not float onto it)."""
    text = (
        'The agency said the outbreak "is a very grave threat." A scientific committee named '
        'the virus that causes it "severe acute respiratory syndrome coronavirus 2".'
    )
    annotation = annotate(annotator, text)
    no_quote_touches(annotation, "severe acute respiratory syndrome coronavirus 2")
    # "called" gives a judgement, which is a quote
    judged = annotate(annotator, 'Tom Watson called the deal "lousy" on Saturday.')
    assert [q.text for q in judged.quotes] == ['"lousy"']


def test_a_role_in_apposition_before_the_name_stops_at_the_name(annotator: Any) -> None:
    """ "The mayor of Leeds, John Carter, tweeted …": his role is "mayor of Leeds", not
    "mayor of Leeds John"."""
    text = 'The mayor of Leeds, John Carter, tweeted, "We will rebuild the bridge."'
    annotation = annotate(annotator, text)
    roles = {s.name: s.role for s in annotation.speakers}
    assert roles.get("John Carter") == "mayor of Leeds", roles


def test_a_share_of_a_group_says_what_the_group_says(annotator: Any) -> None:
    """ "A third of respondents said …": polls report what a share of a group says."""
    annotation = annotate(
        annotator, "A third of respondents said the economy was their top concern."
    )
    assert [q.text for q in annotation.quotes] == ["the economy was their top concern"]
    speaker = annotation.speaker(annotation.quotes[0].speaker_id)
    assert speaker is not None and (speaker.name, speaker.kind) == ("respondents", "group")


def test_a_reported_clause_ends_before_the_conjunction_after_it(annotator: Any) -> None:
    """ "said people changed their minds and several said …": the first content ends at
    "minds", not at "and"."""
    annotation = annotate(
        annotator,
        "One interviewee said people changed their minds and several said they wanted the "
        "politicians to stop ignoring them.",
    )
    assert quote_covering(annotation, "people changed their minds").text == (
        "people changed their minds"
    )


def test_a_capitalised_role_is_no_one_s_name(annotator: Any) -> None:
    """ "Labour MP Tom Watson spoke. One MP told the BBC, “…”": the second speaker is an
    unnamed MP, not someone called "Labour MP"."""
    text = (
        "Speakers included Labour MP Tom Watson. Not everyone agreed. One MP told the BBC, "
        '"We know that many people wanted to stay."'
    )
    speaker = speaker_covering(annotate(annotator, text), "many people wanted to stay")
    assert speaker.kind == "unnamed" and "Labour" not in speaker.name, speaker


def test_a_clause_the_parser_hung_elsewhere_is_still_reported(annotator: Any) -> None:
    """ "with local media reporting no-one was in the houses": the parser hangs the clause
    on the main verb; it is still what the media reported. "said nothing" reports none."""
    annotation = annotate(
        annotator,
        "No deaths were reported on the ground, with local media reporting no-one was in "
        "the houses. The mayor said nothing more.",
    )
    quote = quote_covering(annotation, "no-one was in the houses")
    assert quote.text == "no-one was in the houses" and quote.cue is not None
    assert quote.cue.text == "reporting"
    no_quote_touches(annotation, "nothing more")


def test_a_question_asked_is_reported(annotator: Any) -> None:
    """ "asked workers if they planned to attend": the indirect question is what the
    asker said (the parser often hangs it as an adverbial clause); "asked X to do"
    stays a directive."""
    annotation = annotate(
        annotator,
        "Sanders shook hands and asked workers if they planned to attend the caucuses. "
        "The mayor asked residents to stay indoors.",
    )
    assert [q.text for q in annotation.quotes] == [
        "if they planned to attend the caucuses",
        "to stay indoors",
    ]


@pytest.mark.parametrize(
    ("headline", "source", "claim"),
    [
        (
            "Senator Holt: Budget Deal Is 'Dead on Arrival' in the House.",
            "Senator Holt",
            "Budget Deal Is 'Dead on Arrival' in the House",
        ),
        ("Poll: Voters Split Evenly on the New Bridge Tax.", "Poll", None),
        # one name the tagger cannot know without the article: still a source
        ("Moberg: Harbour Deal Has 'A Long Way to Go' on Fees.", "Moberg", None),
    ],
)
def test_a_headline_names_its_source_before_a_colon(
    annotator: Any, headline: str, source: str, claim: str | None
) -> None:
    """The headline convention "Name: claim" on an article's first line attributes the
    claim to the name (the colon is the cue) when the article names it again; a label
    ("Watch:") or a topic ("Coronavirus:", "Brexit:") attributes nothing."""
    named_again = source.split()[-1]
    text = f"{headline}\n\n{named_again} spoke on Monday. The vote is due on Tuesday."
    annotation = annotate(annotator, text)
    first = annotation.quotes[0]
    expected = claim or headline.split(": ", 1)[1].rstrip(".")
    assert (first.text, first.cue.text if first.cue else None) == (expected, ":")
    assert first.speaker_mention is not None and first.speaker_mention.text == source
    for label in ("Watch", "Exclusive", "Analysis", "Coronavirus", "Brexit"):
        labelled = annotate(
            annotator,
            f"{label}: The Bridge Opens After Ten Years.\n\nIt opened, officials said.",
        )
        assert not any(q.cue is not None and q.cue.text == ":" for q in labelled.quotes)


def test_a_quotation_after_a_name_and_a_colon_is_that_person_s(annotator: Any) -> None:
    """ "The surge doesn't surprise pollster Daron Shaw: “…”" (the parser makes the
    quotation the sentence): the words are the pollster's, since the timing speaks for
    no one; "Bolsonaro opposed the statement by Macron: “…”" stays Bolsonaro's."""
    text = (
        "The timing of the surge doesn't surprise Republican pollster Daron Shaw: "
        '"Historically, lesser-known candidates beating establishment ones is not unusual."'
    )
    assert speaker_covering(annotate(annotator, text), "lesser-known").name == "Daron Shaw"
    opposed = 'Bolsonaro opposed the statement by Emmanuel Macron: "We will not accept it."'
    assert speaker_covering(annotate(annotator, opposed), "We will not").name == "Bolsonaro"


# ------------------------------------------------------------------------- attributions with "as"


@pytest.mark.parametrize(
    ("article_text", "text", "cue", "mention"),
    [
        (
            "The dead sailor was identified as Joren Valck by a harbour police spokesperson. "
            "The port stayed open.",
            "Joren Valck",
            "identified",
            "a harbour police spokesperson",
        ),
        (
            "A cargo plane, reported by local press as belonging to the air force, crashed "
            "near the runway. Rescue teams arrived within minutes.",
            "belonging to the air force",
            "reported",
            "local press",
        ),
        (
            "The mill was described by analysts as a likely takeover target. Its shares rose.",
            "a likely takeover target",
            "described",
            "analysts",
        ),
    ],
)
def test_a_passive_report_with_as_is_its_agents(
    annotator: Any, article_text: str, text: str, cue: str, mention: str
) -> None:
    """ "Identified as Y by X": the agent X reports the "as" phrase Y; the passive subject
    says nothing."""
    annotation = annotate(annotator, article_text)
    quote = quote_covering(annotation, text)
    assert quote.text == text
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker_mention is not None
    assert _plain(quote.speaker_mention.text) == _plain(mention)


def test_a_relayed_report_is_the_cited_sources(annotator: Any) -> None:
    """ "It cited the air force as stating P": P is the air force's, said with "stating"."""
    annotation = annotate(
        annotator,
        "The trade journal cited the Air Force as stating Brannock Airways owned the plane. "
        "Nobody else commented.",
    )
    quote = quote_covering(annotation, "owned the plane")
    assert quote.text == "Brannock Airways owned the plane"
    assert quote.cue is not None and quote.cue.text == "stating"
    assert speaker_covering(annotation, "owned the plane").name == "Air Force"


def test_a_phrasal_cue_keeps_its_preposition_and_a_colon(annotator: Any) -> None:
    """PolNeAR's cue spans: "called for", "referred to"; "said:" before what is said."""
    annotation = annotate(
        annotator,
        "Senator Ilse Moberg called for an inquiry into the contract. "
        'Later she said: "We will not let this go."',
    )
    cues = sorted(q.cue.text for q in annotation.quotes if q.cue is not None)
    assert cues == ["called for", "said:"], cues


@pytest.mark.parametrize(
    "text",
    [
        "The treaty aims to cut emissions by half.",  # a thing holds no aim
        "The fundraiser was intending to raise money for hospitals.",
        "Senator Ilse Morgenthal criticised it.",  # a stance about a mere pointer
    ],
)
def test_things_hold_no_beliefs_and_pointers_take_no_stance(annotator: Any, text: str) -> None:
    assert [q for q in annotate(annotator, text).quotes if not q.is_speech] == []


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        (
            "Pate has not donated to any candidate except Rubio, Federal Election "
            "Commission records compiled by the Harbour Institute show.",
            "Pate has not donated to any candidate except Rubio",
            "evidence",
        ),
        (
            "More than 40 percent of the money arrived in February, new filings show.",
            "More than 40 percent of the money arrived in February",
            "evidence",
        ),
        (
            "A review by the Harbourton Gazette shows most of the hours logged were for "
            "campaign travel.",
            "most of the hours logged were for campaign travel",
            "evidence",
        ),
        # a report that says something is its authors' speech
        (
            "Some reports suggest a deliberate criminal act.",
            "a deliberate criminal act",
            "indirect",
        ),
    ],
)
def test_evidence_closing_its_sentence_and_evidence_against_speech(
    annotator: Any, text: str, content: str, kind: str
) -> None:
    """The small model misreads a report that closes its sentence ("…, records show"),
    and splits a clause in two after "shows"; the sentence's shape still gives both."""
    annotation = annotate(annotator, text)
    assert [(q.text, q.kind) for q in annotation.quotes] == [(content, kind)]


def test_a_proper_name_closing_a_sentence_is_no_cue(annotator: Any) -> None:
    text = "In the document, the writer describes an invasion of people into the United States."
    assert all(q.cue is None or q.cue.text != "States" for q in annotate(annotator, text).quotes)


def test_according_to_hung_on_a_participle_attributes_the_clause(annotator: Any) -> None:
    """The parser hangs "according to X" on the participle before it ("Rescuers, working
    in the cold, according to …"); what X reports is the clause, verb included."""
    annotation = annotate(
        annotator,
        "The tower fell on Sunday. Rescuers, working in temperatures well below freezing, "
        "according to the emergencies ministry recovered at least ten survivors from the "
        "debris on Monday.",
    )
    quote = quote_covering(annotation, "recovered at least ten survivors")
    assert quote.cue is not None and quote.cue.text == "according to"
    assert speaker_covering(annotation, "recovered at least ten survivors").name.endswith(
        "ministry"
    )
