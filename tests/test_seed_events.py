"""Acceptance on the seed article's events: what happened, when, and which mentions are one.

The seed (publication date 2025-06-25) reports a NATO-summit meeting on Wednesday and refers
back to older events; each must come out with its normalised time, and the article's
several mentions of the summit meeting must be one event.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model import Annotation, Event
from tui.sources import load_text_file
from tui.timeline import event_time, timeline

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-trump-zelenskyy-nato.txt"


@pytest.fixture(scope="module")
def seed(annotator) -> Annotation:  # type: ignore[no-untyped-def]
    return annotator.annotate(load_text_file(SEED, date="2025-06-25"))


def _surfaces(event: Event) -> set[str]:
    return {event.trigger.text.lower(), *(m.text.lower() for m in event.mentions)}


def _events_with(seed: Annotation, words: set[str], value: str) -> list[Event]:
    return [
        event
        for event in seed.events
        if _surfaces(event) & words and event_time(seed, event)[0] == value
    ]


@pytest.mark.parametrize(
    ("words", "value", "event_type"),
    [
        ({"encounter", "meeting"}, "2025-06-25", "meeting"),  # the summit meeting
        ({"met", "meeting"}, "2025-04", "meeting"),  # the Vatican meeting
        ({"talks"}, "2025-03", "talks"),  # talks since March
        ({"strikes"}, "2025-06-24", "attack"),  # Tuesday's strikes
        ({"invasion"}, "2022-02", "military action"),  # the February 2022 invasion
        ({"clash"}, "2025-02", None),  # the White House clash
        ({"deal", "agreed"}, "2025-05", "agreement"),  # the resources deal
    ],
)
def test_each_reported_event_has_its_normalised_time(
    seed: Annotation, words: set[str], value: str, event_type: str | None
) -> None:
    found = _events_with(seed, words, value)
    assert found, f"no event {words} at {value}"
    if event_type is not None:
        assert any(event.type == event_type for event in found), [e.type for e in found]


def test_the_strikes_carry_their_toll(seed: Annotation) -> None:
    strikes = _events_with(seed, {"strikes"}, "2025-06-24")
    values = {q.value for event in strikes for q in event.quantities}
    assert 21 in values
    assert 300 in values


def test_the_meeting_and_the_encounter_are_the_summit_meeting(seed: Annotation) -> None:
    text = seed.article.text
    summit = _events_with(seed, {"encounter", "meeting"}, "2025-06-25")
    assert len(summit) == 1
    spans = {(summit[0].trigger.start, summit[0].trigger.end)} | {
        (m.start, m.end) for m in summit[0].mentions
    }
    encounter = text.index("45-minute encounter") + len("45-minute ")
    went_into = text.index("went into the meeting") + len("went into the ")
    assert (encounter, encounter + len("encounter")) in spans
    assert (went_into, went_into + len("meeting")) in spans


def test_the_vatican_meeting_is_between_trump_and_zelenskyy(seed: Annotation) -> None:
    vatican = _events_with(seed, {"met"}, "2025-04")
    assert vatican
    names = {p.mention.text for p in vatican[0].participants if p.mention is not None}
    assert {"Trump", "Zelenskyy"} <= names
    place = next((e for e in seed.entities if e.id == vatican[0].place_id), None)
    assert place is not None and "Vatican" in place.name


def test_events_of_the_past_months_are_background(seed: Annotation) -> None:
    invasion = _events_with(seed, {"invasion"}, "2022-02")[0]
    summit = _events_with(seed, {"encounter", "meeting"}, "2025-06-25")[0]
    assert invasion.background and not summit.background


def test_the_timeline_is_in_time_order(seed: Annotation) -> None:
    line = timeline(seed)
    starts = [entry.start for entry in line.dated]
    assert starts == sorted(starts)
    assert line.dated[0].value is not None and line.dated[0].value.startswith("2022")
    assert all(entry.start is None for entry in line.undated)


def test_events_and_timexes_are_in_the_json(seed: Annotation) -> None:
    data = seed.to_dict()
    assert data["schema"] == "byline/3"
    timex_ids = {t["id"] for t in data["timexes"]}
    for event in data["events"]:
        assert set(event["trigger"]) == {"start", "end", "text"}
        assert event["time_id"] is None or event["time_id"] in timex_ids
    for timex in data["timexes"]:
        assert {"start", "end", "text", "type", "value"} <= set(timex)


def test_an_event_only_in_a_direct_quotation_is_less_salient(annotator) -> None:  # type: ignore[no-untyped-def]
    """What a source mentions in passing is not what the article reports: the same
    collapse weighs less when only a direct quotation names it."""
    from tui.model import Article

    def collapse(text: str) -> float:
        article = Article("t", "Bridge", "2025-03-04", None, None, text)
        events = annotator.annotate(article).events
        return next(e.salience for e in events if e.lemma == "collapse")

    opening = "The mayor spoke to reporters on Tuesday.\n\n"
    reported = collapse(opening + "The bridge collapsed on Monday, the mayor said.")
    quoted = collapse(opening + 'The mayor said: "The bridge collapsed on Monday."')
    assert quoted < reported
