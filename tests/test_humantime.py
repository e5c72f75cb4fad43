"""TIMEX3 values as a person writes them."""

from __future__ import annotations

import pytest

from tui.humantime import human_time


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025-06-24", "Tue 24 Jun 2025"),
        ("2019-01-13TNI", "night of 13 Jan 2019"),
        ("2019-06-10T16:08Z", "Mon 10 Jun 2019 16:08"),
        ("2025-06", "June 2025"),
        ("2025", "2025"),
        ("2025-W26", "week of 23 Jun 2025"),
        ("2019-W23-WE", "weekend of 8 Jun 2019"),
        ("2025-SU", "summer 2025"),
        ("2018-Q1", "Q1 2018"),
        ("199", "1990s"),
        ("P2DE", "2 decades"),
        ("P1Y", "1 year"),
        ("PXY", "years"),
        ("PRESENT_REF", "now"),
        ("XXXX-XX-XX", "some day"),
        (None, "undated"),
        ("2025-13", "2025-13"),  # not a date: shown as it is
        ("2025-02-30", "2025-02-30"),
    ],
)
def test_human_time(value: str | None, shown: str) -> None:
    assert human_time(value) == shown
