"""Resolving mentions to speakers across an article, in reading order
(:class:`SpeakerResolver`): names, pronouns and descriptions matched against people the
article has named and against world knowledge."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from tui.nlp.speakers import world
from tui.nlp.speakers.clusters import Cluster, canonical_name
from tui.nlp.speakers.mentions import NameMention
from tui.nlp.speakers.names import (
    first_name_gender,
    fold,
    full_names_match,
    refers_to,
    tokens_of,
)
from tui.nlp.speakers.words import (
    GROUP_PRONOUNS,
    HONORIFIC_GENDER,
    INSTITUTION_NOUNS,
    LEADER_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    THING_PRONOUNS,
)
from tui.nlp.time.expressions import parse_anchor

EMBEDDED_SUBJECT_PENALTY = 150  # characters: how much nearer an embedded subject must be
OBJECT_PENALTY = 400  # … and a mention that is no subject at all


class SpeakerResolver:
    """Resolves speaker mentions in article order, learning as it goes."""

    def __init__(self, names: list[NameMention], date: str | None) -> None:
        self.clusters: list[Cluster] = []
        self.date = parse_anchor(date)
        self._by_mention: dict[tuple[int, int], Cluster] = {}
        self._common: dict[str, Cluster] = {}
        self._by_key: dict[str, list[Cluster]] = {}
        self._build_name_clusters(names)

    # -------------------------------------------------------------- name index
    def _index(self, cluster: Cluster, name: str) -> None:
        """File a cluster's new name under the keys any matching name must share."""
        for key in _name_keys(name, as_full=True):
            found = self._by_key.setdefault(key, [])
            if not found or found[-1] is not cluster:
                found.append(cluster)

    def _named_like(self, text: str) -> list[Cluster]:
        """Clusters with a name that ``text`` could match (same last-word initial, or the
        initials ``text`` abbreviates), in article order: matching costs the few, not all."""
        found = {id(c): c for key in _name_keys(text) for c in self._by_key.get(key, ())}
        return sorted(found.values(), key=lambda c: c.id)

    # -------------------------------------------------------------- name clusters
    def _build_name_clusters(self, names: list[NameMention]) -> None:
        multi = [m for m in names if len(tokens_of(m.text)) >= 2]
        single = [m for m in names if len(tokens_of(m.text)) == 1]
        for mention in multi:
            cluster = next(
                (
                    c
                    for c in self._named_like(mention.text)
                    if any(
                        full_names_match(mention.text, n)
                        for n in c.distinct_names
                        if len(tokens_of(n)) >= 2
                    )
                ),
                None,
            )
            self._add_name(cluster, mention)
        for mention in single:
            matches = [
                c
                for c in self._named_like(mention.text)
                if _same_place(mention, c)
                or any(
                    (refers_to(mention.text, n) and _surname_usage(mention, c))
                    or _acronym_of(mention.text, n)
                    for n in c.distinct_names
                )
            ]
            if not matches:
                self._add_name(None, mention)
                continue
            before = [(max(c.positions_before(mention.start) or [-1]), c) for c in matches]
            best = max(before, key=lambda pair: pair[0])[1]
            self._add_name(best, mention)

    def _add_name(self, cluster: Cluster | None, mention: NameMention) -> Cluster:
        if cluster is None:
            cluster = Cluster(id=len(self.clusters))
            self.clusters.append(cluster)
        cluster.add_name(mention.text)
        if cluster.name_counts[mention.text] == 1:
            self._index(cluster, mention.text)
        cluster.mentions.append((mention.start, mention.end, mention.text))
        if mention.is_subject:
            cluster.subject_positions.append(mention.start)
        if mention.is_main_subject:
            cluster.main_subject_positions.append(mention.start)
        cluster.labels[mention.label] += 1
        cluster.definite = cluster.definite or mention.definite
        if mention.role:
            cluster.roles.append(mention.role)
            if mention.former:
                cluster.former = True
        if mention.role_head:
            cluster.role_heads.add(mention.role_head)
        for word in mention.country_words:
            country = world.country_of(word)
            if country:
                cluster.countries.add(country)
        words = mention.text.split()
        if len(words) >= 2 and words[0].lower() in HONORIFIC_GENDER:
            cluster.role_heads.add(words[0].lower())  # "Pope Francis", "Queen Elizabeth II"
        if cluster.gender is None:
            if mention.role and mention.role.split():
                honorific = mention.role.split()[-1].lower().rstrip(".")
                cluster.gender = HONORIFIC_GENDER.get(honorific)
            if cluster.gender is None and len(words) >= 2:
                cluster.gender = first_name_gender(words[0])
        self._by_mention[(mention.start, mention.end)] = cluster
        return cluster

    def cluster_at(self, start: int, end: int) -> Cluster | None:
        """The name cluster of a name mention overlapping ``start:end``."""
        found = self._by_mention.get((start, end))
        if found is not None:
            return found
        for (s, e), cluster in self._by_mention.items():
            if s < end and start < e:
                return cluster
        return None

    def known_name(self, text: str) -> bool:
        """Whether the article names someone this way elsewhere (or abbreviates them so)."""
        return any(
            refers_to(text, n) or _acronym_of(text, n)
            for c in self._named_like(text)
            if not c.common
            for n in c.distinct_names
        )

    # -------------------------------------------------------------- resolution
    def resolve_name(self, start: int, end: int, text: str, *, subject: bool = True) -> Cluster:
        cluster = self.cluster_at(start, end)
        if cluster is None:
            matches = [
                c
                for c in self._named_like(text)
                if not c.common
                and any(
                    refers_to(text, n) or full_names_match(text, n) or _acronym_of(text, n)
                    for n in c.distinct_names
                )
            ]
            cluster = matches[0] if matches else None
        if cluster is None:
            cluster = Cluster(id=len(self.clusters), names=[text])
            self.clusters.append(cluster)
            self._index(cluster, text)
        if text[:4].lower() == "the ":
            cluster.definite = True
        self._note(cluster, start, end, text, subject)
        return cluster

    def note_mention(self, cluster: Cluster, start: int, end: int, text: str) -> None:
        """Record another way the article refers to ``cluster`` (a pronoun, say)."""
        self._note(cluster, start, end, text, True)

    def _note(self, cluster: Cluster, start: int, end: int, text: str, subject: bool) -> None:
        if (start, end, text) not in cluster.mentions:
            cluster.mentions.append((start, end, text))
        if subject:
            cluster.subject_positions.append(start)
            cluster.main_subject_positions.append(start)

    def resolve_pronoun(
        self, start: int, end: int, text: str, paragraph_start: int
    ) -> Cluster | None:
        word = text.lower()
        if word in PERSON_PRONOUNS:
            gender = PERSON_PRONOUNS[word]
            candidates = [
                c
                for c in self.clusters
                if c.is_person and not c.plural and c.gender in {None, gender}
            ]
            best = self._most_recent_subject(candidates, start)
            if best is not None:
                best.pronoun_votes[gender] += 1
                if best.gender is None:
                    best.gender = gender
                self._note(best, start, end, text, True)
            return best
        if word in GROUP_PRONOUNS:
            candidates = [
                c
                for c in self.clusters
                if (
                    c.plural
                    or (c.common and not c.is_person)
                    or (c.labels["ORG"] and not c.is_person)
                )
            ]
            best = self._most_recent_subject(candidates, start)
            if best is not None:
                self._note(best, start, end, text, True)
            return best
        if word in THING_PRONOUNS:
            candidates = [c for c in self.clusters if not c.is_person and not c.plural]
            best = self._most_recent_subject(candidates, start)
            if best is not None:
                self._note(best, start, end, text, True)
            return best
        return None

    def _most_recent_subject(self, candidates: list[Cluster], position: int) -> Cluster | None:
        """The most salient candidate before ``position``.

        Recency decides, but a sentence's main subject counts for more than an embedded
        subject, which counts for more than a mention as object ("Mugabe agreed to a deal in
        which Tsvangirai became prime minister. … he declared" is Mugabe).
        """
        scored: list[tuple[int, int, Cluster]] = []
        for cluster in candidates:
            mentions = cluster.positions_before(position)
            if not mentions:
                continue
            main = max(
                (p for p in cluster.main_subject_positions if p < position), default=-(10**9)
            )
            subject = max((p for p in cluster.subject_positions if p < position), default=-(10**9))
            salience = max(main, subject - EMBEDDED_SUBJECT_PENALTY, max(mentions) - OBJECT_PENALTY)
            scored.append((salience, max(mentions), cluster))
        if not scored:
            return None
        return max(scored, key=lambda item: (item[0], item[1]))[2]

    def resolve_description(
        self, start: int, end: int, text: str, head_lemma: str, modifiers: list[str], plural: bool
    ) -> Cluster:
        """A noun phrase: a role description of someone named, or a speaker of its own."""
        countries = {c for c in (world.country_of(m) for m in modifiers) if c}
        definite = (
            text.lower().startswith(("the ", "this ", "that ")) or "'s " in text or "’s " in text
        )
        if (
            definite
            and not plural
            and (head_lemma in PERSON_ROLE_NOUNS or head_lemma in LEADER_WORDS)
        ):
            person = self._person_with_role(start, head_lemma, modifiers, countries)
            if person is not None:
                person.descriptions.append(text)
                self._note(person, start, end, text, True)
                return person
        if definite and not plural:
            described = self._named_body_with_role(start, head_lemma)
            if described is not None:
                described.descriptions.append(text)
                self._note(described, start, end, text, True)
                return described
        if definite and not plural and head_lemma in INSTITUTION_NOUNS:
            institution = self._named_institution(start, head_lemma)
            if institution is not None:
                institution.descriptions.append(text)
                self._note(institution, start, end, text, True)
                return institution
        text = self._with_possessor(start, text)
        key = _description_key(text, head_lemma, modifiers)
        cluster = self._common.get(key)
        if cluster is None:
            cluster = Cluster(id=len(self.clusters), common=True, plural=plural)
            cluster.descriptions.append(_clean_description(text))
            cluster.role_heads.add(head_lemma)
            cluster.countries |= countries
            self.clusters.append(cluster)
            self._common[key] = cluster
        self._note(cluster, start, end, text, True)
        return cluster

    def _named_body_with_role(self, position: int, head: str) -> Cluster | None:
        """ "The industry publication stated…" after "industry publication The Aviation
        Herald": an organisation the article introduced with that description."""
        candidates = [
            c for c in self.clusters if not c.common and not c.is_person and head in c.role_heads
        ]
        return self._most_recent_subject(candidates, position)

    def _named_institution(self, position: int, head: str) -> Cluster | None:
        """ "The court" after "the Court of Session": a named body whose name has the head."""
        candidates = [
            c
            for c in self.clusters
            if not c.common
            and not c.is_person
            and any(head in fold(n).split() for n in c.distinct_names)
        ]
        return self._most_recent_subject(candidates, position)

    def _with_possessor(self, position: int, text: str) -> str:
        """ "its source" → "Znak.com's source": a possessive pronoun made explicit."""
        first, _, rest = text.partition(" ")
        word = first.lower()
        if not rest or word not in {"its", "their", "his", "her"}:
            return text
        if word in {"his", "her"}:
            gender = "male" if word == "his" else "female"
            pool = [c for c in self.clusters if c.is_person and c.gender in {None, gender}]
        else:
            pool = [c for c in self.clusters if not c.is_person and not c.common]
        owner = self._most_recent_subject(pool, position)
        if owner is None:
            return text
        return f"{canonical_name(owner)}'s {rest}"

    def _person_with_role(
        self, position: int, head: str, modifiers: list[str], countries: set[str]
    ) -> Cluster | None:
        office_phrase = " ".join([*[m for m in modifiers if not world.country_of(m)], head])
        office = world.normalize_office(office_phrase) or world.normalize_office(head)
        explicit: list[Cluster] = []
        tabled: list[Cluster] = []
        for cluster in self.clusters:
            if cluster.common or not cluster.is_person or not cluster.mentions:
                continue
            if cluster.former and head != "former":
                continue
            role_match = (
                head in cluster.role_heads
                or any(head in fold(role).split() for role in cluster.roles)
                or (
                    office is not None
                    and any(world.normalize_office(r) == office for r in cluster.roles)
                )
            )
            if head in LEADER_WORDS:
                role_match = role_match or bool(
                    cluster.role_heads
                    & {"president", "minister", "chancellor", "premier", "king", "queen"}
                )
            country_ok = not countries or bool(cluster.countries & countries)
            if role_match and country_ok and (cluster.countries or not countries):
                explicit.append(cluster)
                continue
            if self._holds_office(
                cluster, countries, office if head not in LEADER_WORDS else "leader"
            ):
                tabled.append(cluster)
        for pool in (explicit, tabled):
            best = self._most_recent_subject(pool, position)
            if best is None and pool:
                best = pool[0]
            if best is not None:
                return best
        return None

    def _holds_office(self, cluster: Cluster, countries: set[str], office: str | None) -> bool:
        """Whether the dated table says this person held the office in one of the countries.

        Only asked when the description names a country ("the US president"): "the
        president" alone is resolved from roles the article states, never from the table.
        """
        if office is None or not countries:
            return False
        for country in countries:
            for holder in _holders(country, office, self.date):
                if any(world.holder_names_match(holder, name) for name in cluster.distinct_names):
                    return True
        return False


def _surname_usage(mention: NameMention, cluster: Cluster) -> bool:
    """A last word stands for a full name only for people ("Trump"), not for
    organisations or places ("Press" is not "Associated Press", "States" not "United States")."""
    if cluster.gender is not None or cluster.labels["PERSON"] > 0:
        return True  # the tagger's ORG/GPE on "Trump" or "Zelenskiy" is not the last word
    return mention.label not in {"ORG", "GPE", "LOC", "FAC", "NORP"} and not (
        cluster.labels["ORG"] + cluster.labels["GPE"] + cluster.labels["LOC"]
    )


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _same_place(mention: NameMention, cluster: Cluster) -> bool:
    """ "Warsaw" again is the same Warsaw: one cluster, not one per mention (which made
    every description's search over the clusters grow with the article)."""
    return (
        mention.label in PLACE_LABELS
        and cluster.labels[mention.label] > 0
        and mention.text in cluster.name_counts
    )


def _name_keys(name: str, *, as_full: bool = False) -> list[str]:
    """Index keys: every name match needs similar last words, which start alike ("L:t"),
    and an acronym matches the initials of a full name's capitalised words ("A:AU")."""
    tokens = tokens_of(name)
    keys = [f"L:{tokens[-1][0]}"] if tokens else []
    if as_full:
        words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
        if len(words) >= 2:
            keys.append("A:" + "".join(w[0] for w in words))
    else:
        letters = name.replace(".", "")
        if 2 <= len(letters) <= 6 and letters.isupper():
            keys.append(f"A:{letters}")
    return keys


@lru_cache(maxsize=65536)
def _acronym_of(short: str, full: str) -> bool:
    """ "AU" for "African Union", "FSB" for "Federal Security Service"."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isupper()):
        return False
    words = [w for w in full.replace("-", " ").split() if w[:1].isupper()]
    return len(words) >= 2 and "".join(w[0] for w in words) == letters


@lru_cache(maxsize=512)
def _holders(country: str, office: str, date: dt.date | None) -> tuple[world.OfficeHolder, ...]:
    return tuple(world.holders(country, office, date))


def _clean_description(text: str) -> str:
    words = text.split()
    while (
        words
        and words[0].lower() in {"the", "a", "an", "one", "some", "this", "that"}
        and len(words) > 1
    ):
        if words[1].lower() == "of":
            break  # "One of these groups" keeps its head
        words = words[1:]
    return " ".join(words)


def _description_key(text: str, head: str, modifiers: list[str]) -> str:
    cleaned = fold(_clean_description(text))
    return cleaned or head
