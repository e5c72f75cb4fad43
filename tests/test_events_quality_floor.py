"""The events quality floor on the MEANTIME dev topics (airbus, apple).

Measured with ``byline eval --meantime ../shared/eval/meantime-dev``; the floors sit under
the measured scores so that real regressions fail the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.evaluation.meantime import evaluate_meantime

MEANTIME = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "meantime-dev"

# Acceptance floors: trigger F1 80, value accuracy 80, participant recall 70.
FLOORS = {"event_f1": 82.0, "participant_recall": 70.0, "timex_value_accuracy": 85.0}


@pytest.fixture(scope="module")
def overall(annotator):  # type: ignore[no-untyped-def]
    if not MEANTIME.is_dir():
        pytest.skip("MEANTIME dev data not found beside the clone")
    return evaluate_meantime(MEANTIME, annotator).to_dict()["overall"]


def test_event_trigger_f1_stays_above_the_floor(overall) -> None:  # type: ignore[no-untyped-def]
    assert overall["event_triggers"]["f1"] >= FLOORS["event_f1"], overall["event_triggers"]


def test_participant_recall_stays_above_the_floor(overall) -> None:  # type: ignore[no-untyped-def]
    assert overall["participant_recall"] >= FLOORS["participant_recall"]


def test_timex_value_accuracy_stays_above_the_floor(overall) -> None:  # type: ignore[no-untyped-def]
    assert overall["timex_value_accuracy"] >= FLOORS["timex_value_accuracy"]


def test_linking_is_measured_and_precise(overall) -> None:  # type: ignore[no-untyped-def]
    linking = overall["linking"]
    assert linking["pairs"]["gold"] > 0
    if linking["pairs"]["predicted"]:
        assert linking["precision"] >= 60.0
