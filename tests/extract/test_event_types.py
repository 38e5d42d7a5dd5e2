"""Each of PLOVER's 16 event types, and the modes the coder assigns, on sentences of our own.

One sentence per (type, mode); modes a type carries only in context (REQUEST, REJECT) are
covered in tests/extract/test_event_constructions.py. Issue #3's checklist: docs/COVERAGE.md.
"""

import pytest

from _events import first_of as one


CASES = [
    # type, mode, sentence, actor country
    ("AGREE", None, "Norway agreed to fund new clinics in Malawi.", "NOR"),
    ("CONSULT", "visit", "Kenya hosted the Ugandan president in Nairobi.", "UGA"),
    ("CONSULT", "phone", "The Kenyan president telephoned his Ugandan counterpart on Sunday.",
     "KEN"),
    ("CONSULT", None, "Talks between Armenia and Azerbaijan resumed in Geneva.", "ARM"),
    ("SUPPORT", None, "Ghana praised Togo for its handling of the election.", "GHA"),
    ("CONCEDE", None, "Rebels declared a ceasefire in eastern Congo.", "COG"),
    ("AID", None, "Kenya delivered emergency food aid to Somali refugees on Monday.", "KEN"),
    ("AID", None, "The WFP delivered food to Sudanese refugees in Chad.", "UNO"),
    ("COOPERATE", None, "Russia staged war games with Belarus last week.", "RUS"),
    ("RETREAT", "release", "Kenya released twenty Somali fishermen on Tuesday.", "KEN"),
    ("RETREAT", "disarm", "Uganda disarmed the militia fighters in the north.", "UGA"),
    ("RETREAT", "withdraw", "Ethiopian troops withdrew from the disputed town.", "ETH"),
    ("RETREAT", "resign", "The Kenyan interior minister resigned after the riots.", "KEN"),
    ("REQUEST", "assist", "Chad asked Niger for military assistance.", "TCD"),
    ("ACCUSE", "allege", "Senegal accused Gambia of harbouring separatist fighters.", "SEN"),
    ("ACCUSE", "disapprove", "Ghana condemned Togo's crackdown on protesters.", "GHA"),
    ("ACCUSE", "investigate", "Morocco announced an investigation into Algerian spying.", "MAR"),
    ("REJECT", None, "Chile rejected Bolivia's offer of talks.", "CHL"),
    ("THREATEN", "arrest", "Chad threatened to arrest Sudanese rebel leaders.", "TCD"),
    ("THREATEN", "relations", "Ethiopia threatened to cut diplomatic ties with Eritrea.", "ETH"),
    ("THREATEN", "expel", "Kenya threatened to expel Somali diplomats.", "KEN"),
    ("THREATEN", "territory", "Russia threatened to seize Georgian territory.", "RUS"),
    ("PROTEST", "demo", "Greek students protested outside the parliament in Athens.", "GRC"),
    ("PROTEST", "riot", "Kenyan students rioted in Nairobi after the vote.", "KEN"),
    ("PROTEST", "strike", "Ghanaian nurses went on strike over pay.", "GHA"),
    ("PROTEST", "hunger", "Jailed Egyptian activists went on hunger strike.", "EGY"),
    ("PROTEST", "hunger", "Kenyan opposition leaders began a hunger strike in Nairobi.", "KEN"),
    ("PROTEST", "boycott", "Kenyan opposition parties boycotted the election.", "KEN"),
    ("SANCTION", "convict", "A Kenyan court convicted two Ugandan spies.", "KEN"),
    ("SANCTION", "withdraw", "Kenya recalled its ambassador from Somalia.", "KEN"),
    ("SANCTION", "discontinue", "Ghana suspended trade with Togo.", "GHA"),
    ("SANCTION", "expel", "Ghana expelled two Togolese diplomats.", "GHA"),
    ("MOBILIZE", "troops", "Kenya deployed troops to the Somali border.", "KEN"),
    ("MOBILIZE", "militia", "The Sudanese army recruited militiamen in Darfur.", "SDN"),
    ("COERCE", "seize", "Kenyan police seized Ugandan trucks at the border.", "KEN"),
    ("COERCE", "curfew", "Egypt imposed a curfew in Cairo.", "EGY"),
    ("COERCE", "martial-law", "Thailand declared martial law in Bangkok.", "THA"),
    ("COERCE", "deport", "Kenya deported fifty Somali nationals.", "KEN"),
    ("COERCE", "arrest", "Kenyan police arrested three opposition lawmakers.", "KEN"),
    ("COERCE", "censor", "Russia banned the BBC from reporting in Moscow.", "RUS"),
    ("ASSAULT", "beat", "Soldiers beat Kenyan protesters in Nairobi.", "KEN"),
    ("ASSAULT", "torture", "Egyptian police tortured detained opposition activists.", "EGY"),
    ("ASSAULT", "sexual", "Sudanese soldiers sexually assaulted women in Darfur.", "SDN"),
    ("ASSAULT", "targeted", "Gunmen assassinated a Nigerian governor.", "NGA"),
    ("ASSAULT", "firearms", "Gunmen opened fire on Nigerian police.", "NGA"),
    ("ASSAULT", "heavy-weapons", "Hezbollah fired rockets at Israel on Monday.", "LBN"),
    ("ASSAULT", "aerial", "Nigerian jets bombed rebel camps in the north.", "NGA"),
    ("ASSAULT", "crowd-control", "Kenyan police fired tear gas at opposition protesters in "
     "Nairobi.", "KEN"),
]


@pytest.mark.parametrize("event_type, mode, text, country", CASES,
                         ids=[f"{t}-{m}-{i}" for i, (t, m, _, _) in enumerate(CASES)])
def test_type_and_mode(code, event_type, mode, text, country):
    ev = one(code(text), event_type)
    if mode is not None:
        assert ev.mode == mode
    assert country in {a.country for a in ev.actors}


def test_every_type_is_covered():
    from eventwire.extract.lexicon import Lexicon

    assert {t for t, *_ in CASES} == set(Lexicon.load().type_info)


def test_a_beating_is_not_torture(code):
    assert one(code("Police beat opposition activists in Minsk."), "ASSAULT").mode == "beat"
    assert one(code("Guards tortured Belarusian opposition activists in prison."),
               "ASSAULT").mode == "torture"


@pytest.mark.parametrize("text, mode", [
    ("Chad threatened to arrest Sudanese rebel leaders.", "arrest"),
    ("Peru threatened to expel the Chilean ambassador.", "expel"),
    ("Ghana threatened to impose a curfew in the border towns.", "restrict"),
    ("Armenia threatened to attack Azerbaijani positions.", "violence"),
])
def test_a_threat_takes_the_mode_of_the_act_threatened(code, text, mode):
    events = code(text)
    assert [e.event_type for e in events] == ["THREATEN"]
    assert events[0].mode == mode


@pytest.mark.parametrize("text, killed", [
    ("Gunmen attacked a police station in Kano, killing three officers.", 3),
    ("Militants ambushed a Kenyan army convoy near Mandera, killing five soldiers.", 5),
    ("Rebels attacked an army post near Goma on Monday, killing seven soldiers.", 7),
])
def test_an_attack_and_its_toll_are_one_event(code, text, killed):
    events = [e for e in code(text) if e.event_type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].counts.killed.best == killed
