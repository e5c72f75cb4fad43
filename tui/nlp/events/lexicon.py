"""What counts as an event word in news English, and what kind of event it names.

Verbs are events by default (the parser finds them); nouns need a lexicon, because most
nouns are things. The coarse types are the ones a reader scans a timeline for; a word not
listed is ``other``. ``SAME_EVENT_WORDS`` groups words one event is referred to by
("a meeting … the encounter … their talks"), for coreference inside an article.
"""

from __future__ import annotations

from functools import cache

EVENT_TYPES: tuple[str, ...] = (
    "meeting",
    "talks",
    "statement",
    "attack",
    "military action",
    "agreement",
    "election",
    "protest",
    "legal",
    "economic",
    "disaster",
    "other",
)

_TYPE_WORDS: dict[str, str] = {
    "meeting": """
        meet meeting encounter summit visit huddle gathering conference session reunion
        audience talk-show rendezvous sit-down host
        """,
    "talks": """
        talk talks negotiation negotiate negotiations dialogue mediate mediation consult
        consultation discuss discussion round
        """,
    "statement": """
        say tell announce announcement statement speech address remark comment tweet post
        interview declare declaration claim deny denial warn warning urge call appeal
        criticize criticise condemn condemnation praise report unveil unveiling describe
        """,
    "attack": """
        attack strike airstrike bombing bomb shelling shell shoot shooting stab stabbing
        kill killing assault raid ambush explosion explode blast massacre assassination
        assassinate hijack hijacking gunfire missile drone
        """,
    "military action": """
        invasion invade offensive war battle fight fighting deploy deployment occupy
        occupation withdraw withdrawal mobilization ceasefire truce siege operation
        incursion annex annexation bombardment advance retreat
        """,
    "agreement": """
        deal agreement agree accord treaty pact sign signing contract settlement
        memorandum exchange compromise partnership alliance
        """,
    "election": """
        election elect vote voting ballot referendum poll campaign primary inauguration
        inaugurate reelection re-election run nominate nomination
        """,
    "protest": """
        protest demonstration rally march strike walkout riot unrest boycott sit-in vigil
        """,
    "legal": """
        trial court ruling rule sentence sentencing convict conviction arrest charge
        indictment indict sue lawsuit investigation investigate verdict appeal acquit
        acquittal subpoena impeachment impeach ban prosecute prosecution jail detain
        detention extradite extradition hearing testify testimony fine
        """,
    "economic": """
        sanction sanctions tariff trade buy purchase sell sale acquire acquisition
        merger invest investment fund funding spend budget export import deliver delivery
        launch release price loan aid payment pay bid award supply production
        """,
    "disaster": """
        earthquake flood hurricane storm typhoon fire wildfire collapse crash outbreak
        pandemic epidemic drought famine eruption landslide tsunami accident derailment
        """,
}

# Nouns that name events (verbs are events anyway). Deliberately explicit: a noun suffix
# rule ("-tion") drags in "nation", "station", "population".
EVENT_NOUNS: frozenset[str] = frozenset(
    """
    meeting encounter summit visit conference session talks negotiation negotiations
    dialogue discussion round announcement statement speech address interview declaration
    attack strike strikes airstrike bombing shelling shooting stabbing killing assault raid
    ambush explosion blast massacre assassination hijacking invasion offensive war battle
    fighting deployment occupation withdrawal mobilization ceasefire truce siege operation
    incursion annexation bombardment deal agreement accord treaty pact signing
    settlement exchange election vote voting ballot referendum poll campaign primary
    inauguration reelection nomination protest demonstration rally march walkout riot
    unrest boycott vigil trial ruling sentencing conviction arrest indictment lawsuit
    investigation verdict appeal acquittal impeachment prosecution detention extradition
    hearing testimony sanctions tariff purchase sale order acquisition merger investment
    delivery launch release payment bid award production earthquake flood hurricane storm
    typhoon fire wildfire collapse crash outbreak pandemic epidemic drought famine eruption
    landslide tsunami accident derailment funeral ceremony celebration festival concert
    tour flight trip resignation dismissal appointment death birth wedding marriage
    decision plan reform cut rise fall increase decrease growth recession crisis
    shutdown lockdown evacuation rescue recovery repair development introduction unveiling
    clash dispute conflict row feud fight talk surrender victory defeat win loss return
    departure arrival landing takeoff test experiment discovery rollout placement
    pre-orders preorder preorders debut premiere demolition construction
    """.split()
)

# Verbs too light to show as events of their own (they still anchor tense and status).
LIGHT_VERBS: frozenset[str] = frozenset(
    "be have do get make take give go come seem become let include keep use".split()
)

# Verbs that do not name an occurrence, by the event classes of the TimeML annotation
# guidelines (Saurí et al., TimeML Annotation Guidelines 1.2.1, 2006, section 2.3.1): a
# state or a mental attitude holds over time and is had by many people at once ("think",
# "want"), so two articles mentioning it do not report one real-world event. A story is
# made of occurrences only. Lemmas, as spaCy gives them.
STATE_VERBS: frozenset[str] = frozenset(
    # I_STATE: intensional states, an attitude towards another event or proposition
    """
    believe think know understand realize realise recognize recognise remember forget
    consider regard expect assume presume suppose doubt wonder suspect imagine trust
    want wish hope desire need like love hate prefer fear worry intend mean
    """.split()
    # PERCEPTION: the physical perception of another event
    + """
    see hear watch notice feel sense smell taste view perceive
    """.split()
    # STATE: circumstances that hold, incl. the copulas and possession
    + """
    remain stay exist own belong contain consist lack deserve resemble matter depend
    appear seem look sound live sit stand lie
    """.split()
    # ASPECTUAL: the start, course or end of another event, which is the event itself
    + """
    begin start continue keep stop finish end cease resume complete initiate
    """.split()
)

# Function words: a participant "named" only by these ("The", "He", "Of the" starting a
# sentence) names nobody, and would link every event it touches. Folded (lower case).
# Not "us" (the US) or "who" (the WHO).
NAME_STOPWORDS: frozenset[str] = frozenset(
    """
    a an the this that these those some any all both each every either neither no many much
    more most few several other others another such same own one ones of and or but nor for
    to in on at by with from into onto upon about over under after before as than then so if
    it its he she they we i you me him her them his hers their theirs our ours my mine your
    yours itself himself herself themselves ourselves myself yourself there here whom whose
    which what when where why how
    """.split()
)

SAME_EVENT_WORDS: tuple[frozenset[str], ...] = (
    frozenset("meet meeting encounter huddle sit-down".split()),
    frozenset("talk talks negotiation negotiations negotiate dialogue".split()),
    frozenset("attack strike strikes airstrike bombing shelling assault raid".split()),
    frozenset("invasion invade offensive incursion".split()),
    frozenset("deal agreement accord pact treaty agree".split()),
    frozenset("clash dispute row confrontation".split()),
    frozenset("election vote poll ballot".split()),
    frozenset("protest demonstration rally march".split()),
    frozenset("crash accident collapse".split()),
    frozenset("shooting shoot".split()),
    frozenset("explosion explode blast".split()),
    frozenset("funeral".split()),
    frozenset("summit".split()),
    frozenset("war fighting fight battle".split()),
)


@cache
def _type_of_word() -> dict[str, str]:
    table: dict[str, str] = {}
    for event_type, words in _TYPE_WORDS.items():
        for word in words.split():
            table.setdefault(word, event_type)
    return table


def event_type(lemma: str) -> str:
    """The coarse type of an event word ("strikes" → attack); ``other`` if unknown."""
    lemma = lemma.lower()
    table = _type_of_word()
    if lemma in table:
        return table[lemma]
    if lemma.endswith("s") and lemma[:-1] in table:
        return table[lemma[:-1]]
    return "other"


# English nominalisations of verbs, by suffix (Quirk et al., A Comprehensive Grammar of the
# English Language, appendix I.31–I.34: deverbal nouns in -ation, -ment, -al, -ure, -ion):
# "resignation" names the event "resign" names. Longest first; "ion" only after t or ss
# (elect-ion, discuss-ion), where the verb is the stem as it stands.
NOMINAL_SUFFIXES: tuple[str, ...] = ("ation", "ment", "ure", "al")
_ION_AFTER: tuple[str, ...] = ("tion", "ssion")
_MIN_STEM = 4  # "trial" is not "tri"


def trigger_stem(lemma: str) -> str:
    """One form for a verb and its nominalisations: "resign"/"resignation" → "resign",
    "announce"/"announcement" → "announc", "withdraw"/"withdrawal" → "withdraw"."""
    word = lemma.lower()
    for suffix in NOMINAL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith(_ION_AFTER) and len(word) - 3 >= _MIN_STEM:
            word = word[:-3]
    return word[:-1] if word.endswith("e") and len(word) > _MIN_STEM else word


def same_event_group(lemma: str) -> int | None:
    """Index of the group of words that can name the same event as ``lemma``."""
    lemma = lemma.lower()
    for index, group in enumerate(SAME_EVENT_WORDS):
        if lemma in group:
            return index
    return None
