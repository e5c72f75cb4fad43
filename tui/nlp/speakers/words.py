"""Words for people and bodies: pronouns, role nouns, institutions, honorifics (language data)."""

from __future__ import annotations

PERSON_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}
GROUP_PRONOUNS = frozenset({"they", "them"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
"""The entity labels of whoever can speak: people, bodies, places standing for their
governments, peoples."""
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
LEADER_WORDS = frozenset({"leader", "head", "strongman", "ruler"})
PERSON_ROLE_NOUNS = frozenset(
    """
    president minister secretary chancellor premier governor mayor senator spokesman
    spokeswoman spokesperson chief director chairman chairwoman ceo leader commissioner
    ambassador general officer judge justice attorney prosecutor lawyer professor king
    queen pope prince emperor monarch official deputy lawmaker legislator mp envoy
    diplomat adviser advisor aide candidate activist coach founder owner witness victim
    survivor resident doctor expert analyst economist scientist author writer journalist
    reporter editor commander captain police chief sheriff bishop archbishop cardinal
    priest
    """.split()
)
INSTITUTION_NOUNS = frozenset(
    """
    ministry government army military agency company court committee council office
    department administration commission parliament congress senate house police media
    press newspaper paper network broadcaster channel station outlet website site
    organization organisation union party firm group service authority authorities board
    embassy kremlin regime cabinet archive
    """.split()
)
PEOPLE_NOUNS = frozenset(
    """
    people public crowd family relative critic supporter opponent voter citizen member
    worker employee student teacher parent fan investor observer user customer neighbour
    neighbor protester demonstrator campaigner politician player team staff
    """.split()
)
"""Common nouns for people and their groups beyond the role nouns: who can hold a view."""
AGENT_SUFFIXES: tuple[str, ...] = ("ers", "ors", "ists", "ians", "ants", "ents")
"""Plural endings of English agent nouns ("maintainers", "investors", "activists",
"politicians", "residents"): groups of people, whatever their trade."""
FOREIGN_ARTICLES = frozenset("le la les el los las il lo gli der die das het".split())
"""Definite articles of French, Spanish, Italian, German and Dutch: a name they open is a
publication's or a body's ("Le Monde", "El País", "Der Spiegel"), never a person's."""
HONORIFIC_GENDER = {
    "mr": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "sir": "male",
    "dame": "female",
    "lord": "male",
    "lady": "female",
    "king": "male",
    "queen": "female",
    "prince": "male",
    "princess": "female",
    "pope": "male",
}
