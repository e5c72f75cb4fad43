"""World-knowledge lookups (tui.nlp.speakers.world) and the shape of the JSON tables behind them."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from tui.nlp.speakers.world import (
    LEADER_OFFICES,
    OFFICES,
    country_of,
    holder_names_match,
    holders,
    is_country_word,
    normalize_office,
)

D = dt.date
MID_2025 = D(2025, 6, 25)


def _table(name: str) -> list[dict]:
    return json.loads(resources.files("tui.data").joinpath(name).read_text(encoding="utf-8"))


def _one(country: str, office: str | None, on: dt.date):
    found = holders(country, office, on)
    assert len(found) == 1, [h.name for h in found]
    return found[0]


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("the United States", "United States"),
        ("America", "United States"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("White House", "United States"),
        ("Washington", "United States"),
        ("the Kremlin", "Russia"),
        ("Kremlin", "Russia"),
        ("Russian", "Russia"),
        ("Moscow's", "Russia"),
        ("Downing Street", "United Kingdom"),
        ("No. 10", "United Kingdom"),
        ("British", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("Ukrainian", "Ukraine"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("the Ukraine", "Ukraine"),
        ("Mexico's", "Mexico"),
        ("Mexico’s", "Mexico"),
        ("Filipino", "Philippines"),
        ("Philippine", "Philippines"),
        ("Élysée", "France"),
        ("Elysee", "France"),
        ("Quai d'Orsay", "France"),
        ("Beijing", "China"),
        ("Chinese", "China"),
        ("German", "Germany"),
        ("Chancellery", "Germany"),
        ("Blue House", "South Korea"),
        ("Tehran", "Iran"),
        ("Ankara", "Turkey"),
        ("Türkiye", "Turkey"),
        ("Brussels", "European Union"),
        ("EU", "European Union"),
        ("Holy See", "Vatican City"),
        ("Vatican", "Vatican City"),
        ("Nato", "NATO"),
        ("U.N.", "United Nations"),
        ("Hong Kong", "Hong Kong"),
        ("Taiwanese", "Taiwan"),
        ("Georgia", "Georgia"),
    ],
)
def test_country_of(phrase: str, country: str) -> None:
    assert country_of(phrase) == country


@pytest.mark.parametrize("phrase", ["us", "un", "Us", "", "   ", "leader", "Sofia", "New York"])
def test_country_of_rejects_non_country_words(phrase: str) -> None:
    assert country_of(phrase) is None


def test_is_country_word() -> None:
    assert is_country_word("Russian")
    assert is_country_word("U.S.")
    assert not is_country_word("said")


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("President", "president"),
        ("president", "president"),
        ("the Russian president", "president"),
        ("Prime Minister", "prime minister"),
        ("PM", "prime minister"),
        ("premier", "prime minister"),
        ("Chancellor", "chancellor"),
        ("King", "monarch"),
        ("Queen", "monarch"),
        ("Emperor", "monarch"),
        ("Foreign Minister", "foreign minister"),
        ("Foreign Secretary", "foreign minister"),
        ("U.S. Secretary of State", "foreign minister"),
        ("minister of foreign affairs", "foreign minister"),
        ("Pope", "pope"),
        ("Supreme Leader", "supreme leader"),
        ("Ayatollah", "supreme leader"),
        ("UN Secretary-General", "secretary-general"),
        ("Vice-President", "vice president"),
    ],
)
def test_normalize_office(title: str, office: str) -> None:
    assert normalize_office(title) == office


@pytest.mark.parametrize(
    "title", ["leader", "deputy prime minister", "former president", "spokesman"]
)
def test_normalize_office_rejects_generic_or_qualified_roles(title: str) -> None:
    assert normalize_office(title) is None


def test_holders_on_a_date() -> None:
    assert _one("United States", "president", MID_2025).name == "Donald Trump"
    assert _one("Ukraine", "president", MID_2025).name == "Volodymyr Zelenskyy"
    assert _one("United Kingdom", "prime minister", MID_2025).name == "Keir Starmer"
    assert _one("United Kingdom", "prime minister", D(2019, 9, 11)).name == "Boris Johnson"
    assert _one("Germany", "chancellor", D(2019, 8, 24)).name == "Angela Merkel"
    assert _one("Mexico", "foreign minister", D(2019, 8, 8)).name == "Marcelo Ebrard"


def test_leader_means_head_of_state_or_government() -> None:
    names = {h.name for h in holders("Russia", "leader", MID_2025)}
    assert "Vladimir Putin" in names
    assert names == {h.name for h in holders("Russia", None, MID_2025)}
    assert {h.office for h in holders(None, "leader", MID_2025)} <= LEADER_OFFICES


def test_holders_accepts_country_phrases_and_office_phrases() -> None:
    assert [h.name for h in holders("the Kremlin", "President", MID_2025)] == ["Vladimir Putin"]
    assert _one("British", "Foreign Secretary", D(2021, 1, 1)).name == "Dominic Raab"


def test_premier_and_prime_minister_are_one_office() -> None:
    assert _one("China", "prime minister", MID_2025).name == "Li Qiang"
    assert _one("China", "premier", MID_2025).name == "Li Qiang"
    assert _one("Canada", "premier", MID_2025).name == "Mark Carney"


def test_non_contiguous_terms_are_separate_records() -> None:
    presidents = holders("United States", "president")
    terms = [(h.start, h.end) for h in presidents if h.name == "Donald Trump"]
    assert terms == [(D(2017, 1, 20), D(2021, 1, 20)), (D(2025, 1, 20), None)]
    assert _one("United States", "president", D(2022, 6, 1)).name == "Joe Biden"
    offices = {h.office for h in holders("Russia") if h.name == "Vladimir Putin"}
    assert offices == {"president", "prime minister"}


def test_unknown_country_or_office_matches_nothing() -> None:
    assert holders("Atlantis", "president", MID_2025) == []
    assert holders("United States", "spokesman", MID_2025) == []


@pytest.mark.parametrize("written", ["Zelenskiy", "Zelenskyy", "Zelensky", "Volodymyr Zelensky"])
def test_zelenskyy_spellings_match(written: str) -> None:
    assert holder_names_match(_one("Ukraine", "president", MID_2025), written)


@pytest.mark.parametrize(
    "written", ["Erdogan", "Erdoğan", "Recep Tayyip Erdogan", "President Erdogan"]
)
def test_erdogan_spellings_match(written: str) -> None:
    assert holder_names_match(_one("Turkey", "president", MID_2025), written)


def test_name_matching_uses_surnames_not_first_names() -> None:
    trump = _one("United States", "president", MID_2025)
    assert holder_names_match(trump, "Trump")
    assert holder_names_match(trump, "Donald Trump")
    assert holder_names_match(trump, "Trump's")
    assert not holder_names_match(trump, "Donald Tusk")
    assert not holder_names_match(trump, "Donald")
    assert not holder_names_match(trump, "Melania Trump")
    assert not holder_names_match(trump, "Donald Trump Jr.")


def test_name_matching_handles_patronymics_and_family_first_names() -> None:
    mbs = _one("Saudi Arabia", "prime minister", MID_2025)
    assert holder_names_match(mbs, "Mohammed bin Salman")
    assert not holder_names_match(mbs, "King Salman")
    assert holder_names_match(_one("China", "president", MID_2025), "Xi")
    putin = _one("Russia", "president", MID_2025)
    assert holder_names_match(putin, "Vladimir Putin")
    assert not holder_names_match(putin, "Lavrov")


# --- the data files themselves ---

COUNTRY_FIELDS = {"name", "aliases", "demonyms", "capital", "metonyms"}
HOLDER_FIELDS = {"country", "office", "name", "aliases", "start", "end"}


def test_countries_json_is_well_formed() -> None:
    rows = _table("countries.json")
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names))
    assert len([row for row in rows if row.get("kind") == "country"]) >= 197
    for row in rows:
        assert row.keys() >= COUNTRY_FIELDS, row["name"]
        for field in ("aliases", "demonyms", "metonyms"):
            assert isinstance(row[field], list)
            assert all(isinstance(value, str) and value.strip() for value in row[field])


def test_every_country_word_resolves_to_its_own_country() -> None:
    for row in _table("countries.json"):
        for word in (row["name"], *row["aliases"], *row["demonyms"], *row["metonyms"]):
            assert country_of(word) == row["name"], (word, row["name"])


def test_officeholders_json_is_well_formed() -> None:
    countries = {row["name"] for row in _table("countries.json")}
    rows = _table("officeholders.json")
    assert len(rows) > 1000
    for row in rows:
        assert row.keys() >= HOLDER_FIELDS, row
        assert row["country"] in countries, row
        assert row["office"] in OFFICES, row
        assert row["name"].strip() and isinstance(row["aliases"], list), row
        start = D.fromisoformat(row["start"])
        if row["end"] is not None:
            assert start <= D.fromisoformat(row["end"]), row


def test_one_holder_at_a_time_for_single_seat_offices() -> None:
    """Terms of one office may touch on handover days but not overlap (a few known exceptions)."""
    shared = {
        ("Bosnia and Herzegovina", "president"),  # a three-member presidency
        ("Brazil", "president"),  # acting presidents during impeachment trials
        ("Israel", "prime minister"),  # Olmert acting for the incapacitated Sharon
    }
    rows = sorted(_table("officeholders.json"), key=lambda r: r["start"])
    last: dict[tuple[str, str, str], dict] = {}
    for row in rows:
        seat = (row["country"], row["office"], row.get("body", ""))
        if seat[:2] in shared:
            continue
        previous = last.get(seat)
        if previous is not None:
            assert previous["end"] is not None and previous["end"] <= row["start"], (previous, row)
        last[seat] = row
