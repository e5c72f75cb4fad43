"""Paragraphs in other languages are left alone by the English rules."""

from __future__ import annotations

from tui.nlp.text.language import english_share, language_counts, reads_as_english

FRENCH = (
    "La mort de Bongo n’apportera rien de salutaire au peuple gabonais, car les héritiers "
    "sont déjà positionnés et portés par leurs amis."
)
SPANISH = (
    "Ya no hay medicamentos en el hospital, falta de sangre y muchas necesidades más, "
    "necesitan mucha ayuda para los heridos."
)
GERMAN = (
    "Die Regierung hat am Montag erklärt, dass sie die Gespräche mit der Opposition "
    "nicht fortsetzen wird."
)
ENGLISH_WITH_FRENCH_NAME = (
    "Togolese blogger Rodrigue Kopgli, of Jeunesse Unie pour la Démocratie en Afrique, "
    "called Bongo one of the last crocodiles of the region."
)


def test_other_languages_are_told_apart() -> None:
    for text in (FRENCH, SPANISH, GERMAN):
        assert not reads_as_english(text), text
    assert reads_as_english(ENGLISH_WITH_FRENCH_NAME)
    assert reads_as_english("Le Monde")  # too short to tell: stays English
    assert language_counts(FRENCH)["fr"] > 2 * language_counts(FRENCH)["en"]


def test_english_share_counts_characters() -> None:
    assert english_share([]) == 1.0
    share = english_share([ENGLISH_WITH_FRENCH_NAME, FRENCH])
    assert 0.4 < share < 0.6


def test_the_engine_reads_only_the_english_paragraphs(annotator) -> None:
    from tui.model import Article

    french = FRENCH + " Ami de tous les gouvernements depuis De Gaulle, il lui offre tout."
    paragraphs = [
        "Gabon mourns its president",
        "Omar Bongo died on Monday in Barcelona, the government said.",
        french,
    ]
    text = "\n\n".join(paragraphs)
    annotation = annotator.annotate(Article.from_text(text, date="2009-06-08"))
    french_start = text.index("La mort")
    assert annotation.events and all(e.trigger.start < french_start for e in annotation.events)
    assert all(m.start < french_start for e in annotation.entities for m in e.mentions)
    assert all(t.start < french_start for t in annotation.timexes)


def test_an_article_in_another_language_is_said_to_be_so(annotator) -> None:
    from tui.model import Article
    from tui.nlp.text.language import foreign_language
    from tui.widgets.panes import nothing_found

    text = "\n\n".join([FRENCH, FRENCH.replace("Bongo", "Ali"), "Le Monde"])
    assert foreign_language(text.split("\n\n")) == "French"
    assert foreign_language([ENGLISH_WITH_FRENCH_NAME, FRENCH]) is None  # half is English
    annotation = annotator.annotate(Article.from_text(text, date="2009-06-08"))
    assert not annotation.quotes and not annotation.events and not annotation.speakers
    assert nothing_found(annotation, "quotes") == (
        "No quotes: the article is in French, and Byline reads English only"
    )
    english = annotator.annotate(Article.from_text("Nothing happened here at all today."))
    assert nothing_found(english, "events") == "No events found"


def test_english_sentences_full_of_words_other_languages_share_stay_english() -> None:
    for text in (
        '"Do as I say, not as I do," as the saying goes in the old country.',
        "Markets fell as oil prices rose, as traders sold as fears grew across Asia.",
        "Die hard fans come to the van to see the son of the man who is al fine.",
    ):
        assert reads_as_english(text), text


def test_no_foreign_function_word_is_an_english_stop_word() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    from tui.nlp.text.language import FUNCTION_WORDS

    for language, words in FUNCTION_WORDS.items():
        if language != "en":
            assert not words & STOP_WORDS, (language, sorted(words & STOP_WORDS))
