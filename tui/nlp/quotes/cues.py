"""The words that introduce reported speech in English news ("cues").

Lemma sets, not inflected lists: spaCy's lemmatiser maps said/says/saying to "say", and
:func:`cue_forms` expands the sets to the inflected forms for anything that needs strings.
Classes differ in what they take as the reported content:

- ``CLAUSE_CUES`` take a clause ("said that…", "warned the talks would fail").
- ``OBJECT_CUES`` also take a noun phrase that *is* the content ("announced new rules",
  "denied any wrongdoing"), unless the object is only a pointer ("this", "the move").
- ``NAMING_CUES`` take "X as Y" or "X Y" where only Y is the quote ("called it 'lousy'").
- ``DIRECTIVE_CUES`` take an infinitive ("urged people to stay home").
"""

from __future__ import annotations

from functools import cache

CLAUSE_CUES: frozenset[str] = frozenset(
    """
    say tell add state write read post tweet claim insist warn argue explain report announce
    confirm deny note observe remark comment acknowledge admit concede assert contend
    maintain suggest indicate reveal disclose declare proclaim predict estimate promise
    pledge vow threaten assure reassure caution complain protest allege testify
    emphasize emphasise stress reiterate repeat recall respond reply answer counter
    retort continue conclude find determine rule decide agree disagree concur signal
    hint imply recommend propose demand urge ask request advise suppose speculate guess
    reckon boast brag joke quip lament concede affirm reaffirm mention specify clarify
    highlight underline underscore stipulate inform notify assert hold opine blog text
    email message announce broadcast publish circulate imply characterize characterise
    describe whisper shout yell scream cry exclaim murmur mutter grumble recount narrate
    """.split()
)

OBJECT_CUES: frozenset[str] = frozenset(
    """
    announce deny claim declare suggest emphasize emphasise stress report reveal confirm
    propose recommend demand promise pledge vow predict estimate express reiterate
    acknowledge admit allege mention urge blame attribute ascribe
    """.split()
)

NAMING_CUES: frozenset[str] = frozenset(
    """
    call describe characterize characterise label dub term brand refer hail
    """.split()
)

NAME_GIVING_VERBS: frozenset[str] = frozenset(
    """
    name rename christen title entitle nickname
    """.split()
)
"""Verbs that give something a name ("named the virus “SARS-CoV-2”"): the quoted words
after them are the name given, not words anyone said (unlike ``NAMING_CUES``, whose
"called the deal “lousy”" quotes a speaker's judgement)."""

REPORTED_AS_CUES: frozenset[str] = frozenset(
    """
    report describe identify characterize characterise portray depict label brand list
    cite quote call dub term hail
    """.split()
)
"""Verbs that report what something is said to be in a passive with its reporter as the
agent: "identified as Jaypee Galicha by a spokesperson", "reported by local press as
belonging to the military" (the "as" phrase is the reporter's)."""

QUOTING_VERBS: frozenset[str] = frozenset(
    """
    cite quote
    """.split()
)
"""Verbs by which one source relays another's words: "cited the Air Force as stating P",
"quoted the minister as saying P" (P is the object's, not the subject's)."""

QUESTION_CUES: frozenset[str] = frozenset(
    """
    ask inquire enquire query
    """.split()
)
"""Verbs that report a question: what they report is an indirect question, "asked
workers if they planned to attend", which the parser often hangs as an adverbial clause."""

DIRECTIVE_CUES: frozenset[str] = frozenset(
    """
    urge ask tell order direct instruct advise encourage implore request warn
    """.split()
)

# Verbs of stance that attribute quoted words in their sentence to their subject but
# never report a clause of their own: "He criticised Putin for “shooting missiles…”".
STANCE_CUES: frozenset[str] = frozenset(
    """
    criticize criticise condemn praise accuse slam blast attack thank welcome hail
    dismiss reject defend mock question applaud lambast decry denounce chide rebuke
    scold fault commend congratulate vow pledge swear apologize apologise appeal plead
    beg invite
    """.split()
)

STANCE_OBJECT_CUES: frozenset[str] = frozenset(
    """
    criticize criticise condemn praise accuse slam thank defend mock applaud lambast decry
    denounce chide rebuke scold fault commend congratulate reject hail
    """.split()
)
"""The verbs of judging (Levin's "judgment" verbs, 33, among :data:`STANCE_CUES`) whose
object is what the stance is about: "Cruz accused Trump of lying about his record",
"Valastro praised Christie's leadership". Said without quoted words in their sentence
they attribute a stance, not speech; verbs that also name a physical act ("attack",
"blast") or another act ("question" a suspect, "dismiss" an employee) are left out."""

# Verbs of speaking that report no clause but introduce the quotation that follows them
# ("Graham spoke on Fox News, “…”", "She took to Twitter. “…”").
SPEAKING_VERBS: frozenset[str] = frozenset(
    """
    speak talk tweet post write testify
    """.split()
)

# Attributions that are no speech (their quotes' kinds, :data:`tui.model.ATTRIBUTION_KINDS`).
BELIEF_CUES: frozenset[str] = frozenset(
    """
    believe think expect hope fear doubt suspect feel worry
    """.split()
)
"""Verbs of belief, expectation and fear taking a clause: "Smith believes the plan fails"."""

DESIRE_CUES: frozenset[str] = frozenset(
    """
    want wish hope plan seek intend aim prefer desire yearn long
    """.split()
)
"""Verbs of wanting and intending taking an infinitive: "Rubio wants to emerge as …",
"the governor plans to veto the bill" (Levin's "want" and "long" verbs, 32.1–32.2, with
the verbs of intention). What they attribute is a belief (an aim held), not speech."""

EVIDENCE_CUES: frozenset[str] = frozenset(
    """
    show indicate suggest find reveal demonstrate confirm
    """.split()
)
"""Verbs by which evidence attributes ("the poll shows…"), with an EVIDENCE_NOUNS subject."""

EVIDENCE_NOUNS: frozenset[str] = frozenset(
    """
    poll polling survey study data record figure analysis video footage research statistic
    document result census estimate number evidence test audit photo photograph image
    tally count chart map model forecast projection transcript log receipt minute
    experience
    """.split()
)
"""What evidence is (lemmas): its findings are no one's words."""

SHOWING_CUES: frozenset[str] = EVIDENCE_CUES - CLAUSE_CUES
"""The evidence verbs that report no speech ("show", "demonstrate")."""

AUTHORED_NOUNS: frozenset[str] = frozenset(
    """
    report review investigation probe inquiry filing letter email memo message
    """.split()
)
"""Documents that speak for their authors ("a report said …" is the authors' words) but
are evidence when they only show ("the reports show the PAC changed its plans")."""

ENDORSEMENT_CUES: frozenset[str] = frozenset(
    """
    endorse back support
    """.split()
)
"""Verbs of endorsement, when their object is a named person or organisation."""

PHRASAL_CUES: frozenset[tuple[str, str]] = frozenset(
    {
        ("call", "for"), ("call", "on"), ("call", "upon"), ("refer", "to"), ("ask", "for"),
        ("warn", "of"), ("warn", "about"), ("warn", "against"), ("argue", "for"),
        ("argue", "against"), ("complain", "about"), ("write", "about"), ("hint", "at"),
        ("plead", "for"), ("appeal", "for"), ("appeal", "to"),
    }
)  # fmt: skip
"""A verb and the preposition that makes it a cue of its own ("called for a ban", "referred
to the report", "warned of a crisis"): the preposition is part of the cue phrase. Only
cue verbs take one (:func:`cue_lemma`)."""

# Words about words: as the subject of a naming cue they define a term, and nobody
# speaks ("the term “June 4 lines” has referred to the border").
WORD_NOUNS: frozenset[str] = frozenset(
    """
    term word phrase expression name label nickname acronym abbreviation
    """.split()
)

# Objects that make a cue verb an idiom rather than a report ("claimed responsibility").
IDIOMATIC_OBJECTS: frozenset[str] = frozenset(
    """
    responsibility victory credit life independence war emergency mourning day defeat
    bankruptcy innocence ownership sovereignty power office seat title crown asylum vote
    """.split()
)

# Objects that only point at something said elsewhere: not content of their own.
POINTER_DETERMINERS: frozenset[str] = frozenset(
    ["this", "that", "these", "those", "such", "the", "its", "his", "her", "their"]
)

# Nouns that mark a written or spoken statement as the source ("in a statement").
STATEMENT_NOUNS: frozenset[str] = frozenset(
    """
    statement interview post tweet message letter email release briefing speech address
    remarks testimony report filing decree ruling judgment judgement verdict summary
    """.split()
)

SPEECH_CUES: frozenset[str] = (
    CLAUSE_CUES | NAMING_CUES | DIRECTIVE_CUES | QUESTION_CUES | STANCE_CUES
)
"""The cues of speech, whatever content they take."""
CUE_LEMMAS: frozenset[str] = (
    SPEECH_CUES | BELIEF_CUES | DESIRE_CUES | EVIDENCE_CUES | ENDORSEMENT_CUES
)
"""Every lemma that attributes, speech or not (:func:`cue_lemma`)."""

_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "read": ("reads", "read", "reading"),
    "think": ("thinks", "thought", "thinking"),
    "feel": ("feels", "felt", "feeling"),
    "hold": ("holds", "held", "holding"),
    "know": ("knows", "knew", "known", "knowing"),
    "find": ("finds", "found", "finding"),
    "learn": ("learns", "learned", "learnt", "learning"),
    "understand": ("understands", "understood", "understanding"),
    "broadcast": ("broadcasts", "broadcast", "broadcasting"),
    "cry": ("cries", "cried", "crying"),
    "reply": ("replies", "replied", "replying"),
    "imply": ("implies", "implied", "implying"),
    "specify": ("specifies", "specified", "specifying"),
    "clarify": ("clarifies", "clarified", "clarifying"),
    "testify": ("testifies", "testified", "testifying"),
    "spell": ("spells", "spelt", "spelled", "spelling"),
}


def _regular_forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if lemma.endswith("e"):
        past, gerund = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third, past, gerund = lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    elif lemma in {"admit", "commit", "regret", "quip", "blog", "refer", "concur", "dub", "brag"}:
        past, gerund = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        past, gerund = lemma + "ed", lemma + "ing"
    return (third, past, gerund)


@cache
def cue_forms() -> dict[str, str]:
    """Every inflected cue form mapped to its lemma (about 600 forms)."""
    forms: dict[str, str] = {}
    for lemma in CUE_LEMMAS | OBJECT_CUES:
        forms[lemma] = lemma
        for form in _regular_forms(lemma):
            forms.setdefault(form, lemma)
    return forms


def cue_lemma(word: str, lemma: str) -> str | None:
    """The cue lemma of a token (its text or its spaCy lemma), or None if it is no cue."""
    lowered = lemma.lower()
    if lowered in CUE_LEMMAS:
        return lowered
    return cue_forms().get(word.lower())


def is_evidence(lemma: str, noun: str) -> bool:
    """Whether a cue with a subject headed by ``noun`` attributes evidence: "the poll
    shows…", "a study found…", and an authored document that only shows ("the reports
    show…"; "a report said…" is its authors' speech)."""
    return (lemma in EVIDENCE_CUES and noun in EVIDENCE_NOUNS) or (
        lemma in SHOWING_CUES and noun in AUTHORED_NOUNS
    )
