"""A speaker :class:`Cluster`: the mentions of one person or body across an article, with the
roles and countries the article gives them, and its kind, canonical name and key."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.nlp.speakers import world
from tui.nlp.speakers.names import (
    first_name_gender,
    name_key,
    tokens_of,
)
from tui.nlp.speakers.sourcewords import DOCUMENT_NOUNS
from tui.nlp.speakers.words import FOREIGN_ARTICLES, INSTITUTION_NOUNS, PERSON_ROLE_NOUNS

ROMANISED_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")
"""A two-syllable given name romanised with a hyphen (Cantonese, Korean: "Man-kei",
"Kyung-wha"); the second syllable in lower case, as no organisation writes its name."""


@dataclass(slots=True)
class Cluster:
    """One real-world speaker candidate: every mention the article makes of it."""

    id: int
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    subject_positions: list[int] = field(default_factory=list)
    main_subject_positions: list[int] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    role_heads: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    descriptions: list[str] = field(default_factory=list)
    former: bool = False
    plural: bool = False
    common: bool = False  # named by a common noun phrase ("officials"), not a name
    gender: str | None = None
    pronoun_votes: Counter[str] = field(default_factory=Counter)
    definite: bool = False  # named with "the" in front somewhere
    # ``names`` has one entry per mention; this counts each name once, in first-use order,
    # so that matching and naming cost the names, not the mentions (long articles).
    name_counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.name_counts.update(self.names)

    def add_name(self, name: str) -> None:
        self.names.append(name)
        self.name_counts[name] += 1

    @property
    def distinct_names(self) -> Iterable[str]:
        return self.name_counts.keys()

    @property
    def best_name(self) -> str:
        if not self.names:
            return self.descriptions[0] if self.descriptions else "unknown"
        order = {name: rank for rank, name in enumerate(self.name_counts)}
        return max(
            self.name_counts,
            key=lambda n: (len(tokens_of(n)), self.name_counts[n], -order[n]),
        )

    def _can_name_a_person(self) -> bool:
        """Whether the name has a person's form: not "the Atlantic", not a name ending in
        an institution word ("Gun Violence Archive"), not opened by an article of another
        language ("Le Point", "El Comercio"), not an acronym ("ALDI")."""
        if self.definite:
            return False
        words = self.best_name.split()
        if not words:
            return False
        if words[-1].lower() in INSTITUTION_NOUNS or words[0].lower() in FOREIGN_ARTICLES:
            return False
        return not (len(words) == 1 and len(words[0]) >= 3 and words[0].isupper())

    def positions_before(self, position: int) -> list[int]:
        return [s for s, _, _ in self.mentions if s < position]

    @property
    def is_person(self) -> bool:
        if self.common:
            return self.gender is not None or (
                not self.plural and bool(self.role_heads & PERSON_ROLE_NOUNS)
            )
        if any(world.country_of(n) for n in self.distinct_names):
            return False
        if not self._can_name_a_person():
            return False
        if self.gender is not None or self.pronoun_votes or self.role_heads & PERSON_ROLE_NOUNS:
            return True
        if self.role_heads & INSTITUTION_NOUNS:
            return False  # "Facebook … the site": the article calls it a body
        name = self.best_name
        if self.labels["PERSON"] > 0:
            # one word the tagger called a person, and nothing else says so ("Facebook
            # said", "Kathimerini reported"): a person is named in full somewhere, or
            # referred to as he or she, or given a role
            return len(name.split()) > 1 or self.labels["PERSON"] > self.labels["ORG"] + 1
        words = name.split()
        if len(words) >= 2 and first_name_gender(words[0]) is not None:
            return True
        if len(words) == 2 and ROMANISED_GIVEN_NAME.fullmatch(words[0]) and words[1].istitle():
            return True  # "Man-kei Tam", "Jae-in Moon": a romanised given name, a surname
        # "Emeka Adeyemi said": two or three capitalised words that no tagger called an
        # organisation or place, none of them an institution word, read as a person's name
        organisational = self.labels["ORG"] + self.labels["GPE"] + self.labels["LOC"]
        return (
            2 <= len(words) <= 3
            and organisational == 0
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and not any(w.lower() in INSTITUTION_NOUNS for w in words)
        )


def _names_a_people(cluster: Cluster) -> bool:
    """Named by a plural word for a people or a faith or party's members ("Iranians",
    "Democrats"): a group of people, not a body that speaks as one."""
    name = cluster.best_name
    if not name.endswith("s"):
        return False
    if world.people_of(name) is not None:
        return True
    named_body = cluster.labels["ORG"] + cluster.labels["GPE"] + cluster.labels["PERSON"]
    return cluster.labels["NORP"] > named_body


def speaker_kind(cluster: Cluster) -> str:
    if not cluster.common and _names_a_people(cluster):
        return "group"
    if cluster.is_person and not cluster.plural:
        return "person" if not cluster.common else "unnamed"
    if cluster.common:
        if cluster.role_heads & DOCUMENT_NOUNS and not cluster.role_heads & PERSON_ROLE_NOUNS:
            return "unnamed"  # "Photographs showed", "the statement said": a document
        if cluster.plural:
            return "group"
        return "organization" if cluster.role_heads & INSTITUTION_NOUNS else "unnamed"
    return "organization"


def canonical_name(cluster: Cluster) -> str:
    if cluster.names:
        return cluster.best_name
    return cluster.descriptions[0] if cluster.descriptions else "unknown"


def cluster_key(cluster: Cluster) -> str:
    return name_key(canonical_name(cluster))
