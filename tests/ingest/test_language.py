"""Tests for eventwire.ingest.language: English news passes, other languages do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest.language import guess_language, is_english

DEMO_ARTICLE = Path(__file__).resolve().parents[2] / "corpus" / "demo" / \
    "pak-afg-talks-2025-10-29.txt"

ENGLISH = [
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday and agreed to expand "
    "their cooperation on fisheries, officials from both governments said.",
    "Police in the capital arrested dozens of protesters who had blocked a main road for "
    "three days, according to a statement from the interior ministry.",
    "Le Monde reported that the delegation from La Paz would arrive in Geneva on Friday, "
    "where talks with the United Nations are expected to last a week.",
]
HEADLINES = [
    "Floods displace thousands",
    "UN envoy urges calm",
    "Ministers meet in Oslo",
    "Norway, Chile sign fisheries accord",
    "Rebels seize border town",
    "PARLIAMENT DISSOLVED AHEAD OF ELECTION",
    "La Niña threatens harvests in the south",
]
FOREIGN = {
    "French": "Les ministres des affaires étrangères de la Norvège et du Chili se sont réunis "
              "à Oslo et ont signé un accord sur la pêche.",
    "German": "Die Außenminister von Norwegen und Chile haben sich in Oslo getroffen und ein "
              "Abkommen über die Fischerei unterzeichnet.",
    "Spanish": "Los ministros de Asuntos Exteriores de Noruega y Chile se reunieron en Oslo y "
               "firmaron un acuerdo sobre la pesca.",
    "Urdu": "ناروے اور چلی کے وزرائے خارجہ نے اوسلو میں ملاقات کی اور ماہی گیری کے معاہدے پر دستخط کیے۔",
    "Arabic": "التقى وزيرا خارجية النرويج وتشيلي في أوسلو ووقعا اتفاقا بشأن صيد الأسماك.",
    "Russian": "Министры иностранных дел Норвегии и Чили встретились в Осло и подписали "
               "соглашение о рыболовстве.",
    "short French headline": "Les ministres se réunissent à Paris",
    "short Spanish headline": "Los rebeldes toman la ciudad",
}


def test_demo_article_is_english():
    guess = guess_language(DEMO_ARTICLE.read_text(encoding="utf-8"))
    assert guess.english
    assert guess.latin_share > 0.95
    assert guess.english_share > 0.25


@pytest.mark.parametrize("text", ENGLISH + HEADLINES)
def test_english_passes(text):
    assert is_english(text), guess_language(text)


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_fail(language):
    guess = guess_language(FOREIGN[language])
    assert not guess.english, guess
    assert guess.describe()


def test_non_latin_script_is_described_by_script_share():
    assert guess_language(FOREIGN["Russian"]).describe() == "0% of letters in Latin script"


def test_latin_foreign_is_described_by_function_words():
    description = guess_language(FOREIGN["French"]).describe()
    assert description.startswith("0% English function words, ")
    assert description.endswith("French/German/Spanish/… function words")


def test_text_without_letters_is_not_english():
    guess = guess_language("12 345 -- 2025")
    assert not guess.english
    assert guess.describe() == "no letters"


def test_english_with_a_short_foreign_quote_passes():
    text = ("The president told reporters in Paris that the two countries remain close "
            "allies. \"Nous sommes ensemble,\" he said, before leaving for Brussels, where "
            "he will meet the heads of the other European governments on Thursday.")
    assert is_english(text)
