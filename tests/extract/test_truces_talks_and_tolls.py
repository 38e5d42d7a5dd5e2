"""Truces in effect, talks hosted, called off or put off, and tolls told inside relative
clauses: constructions of war reporting, each on sentences written for these tests."""

import pytest

from _events import ids, of_type, only_of as one


@pytest.mark.parametrize("text,parties", [
    ("The ceasefire between Armenia and Azerbaijan took effect at midnight on Friday.",
     ["ARM", "AZE"]),
    ("A truce between Ethiopia and Eritrea came into force on Monday morning.",
     ["ERI", "ETH"]),
    ("The humanitarian ceasefire between Sudan's army and the RSF went into effect at dawn.",
     ["SDN", "rsf"]),
])
def test_a_truce_taking_effect_with_words_between_is_in_effect(code, text, parties):
    truce = one(code(text), "RETREAT")
    assert truce.mode == "ceasefire"
    assert ids(truce.actors) == parties
    assert "took effect" in truce.trigger.text or "into" in truce.trigger.text


@pytest.mark.parametrize("text,parties,mediators", [
    ("Norway mediated the talks between Colombia and the ELN in Havana.",
     ["COL", "eln"], ["NOR"]),
    ("Egypt and Qatar mediated indirect negotiations between Israel and Hamas.",
     ["ISR", "hamas"], ["EGY", "QAT"]),
    ("Turkey hosted the talks between Russia and Ukraine in Istanbul.",
     ["RUS", "UKR"], ["TUR"]),
    ("Serbia and Kosovo held talks in Brussels, hosted by the European Union.",
     ["SRB", "XKX"], ["eu"]),
])
def test_who_mediates_or_hosts_talks_between_two_others_is_a_mediator(code, text, parties,
                                                                       mediators):
    talks = one(code(text), "CONSULT")
    assert ids(talks.actors) == parties
    assert ids(talks.mediators) == mediators
    assert not of_type(code(text), "ASSAULT")


def test_a_host_of_talks_with_one_other_is_a_party(code):
    talks = one(code("China hosted talks with Pakistan in Beijing on Monday."), "CONSULT")
    assert ids(talks.actors) == ["CHN", "PAK"] and not talks.mediators
    assert talks.mode != "third-party"


@pytest.mark.parametrize("text,actor", [
    ("Russian troops pulled back from the outskirts of the city on Friday.", "RUS"),
    ("Israeli forces pulled back to the agreed line in the north.", "ISR"),
    ("The Malian army fell back to its bases after the ambush.", "MLI"),
])
def test_forces_pulling_or_falling_back_retreat(code, text, actor):
    retreat = one(code(text), "RETREAT")
    assert retreat.mode == "withdraw" and ids(retreat.actors) == [actor]


def test_prices_falling_back_are_no_retreat(code):
    assert not code("Oil prices fell back after the announcement in Vienna.")


@pytest.mark.parametrize("text,actor,victim", [
    ("Colombia said rebels killed three of its soldiers near the border.", "COL", "COL"),
    ("India said gunmen ambushed its police officers in the valley.", "IND", "IND"),
    ("Niger said insurgents attacked its troops near Tillaberi.", "NER", "NER"),
])
def test_its_soldiers_are_the_speakers_not_the_plural_attackers(code, text, actor, victim):
    attack = one(code(text), "ASSAULT")
    assert [r.country for r in attack.recipients] == [victim]
    assert all(a.sector == "REB" for a in attack.actors)


@pytest.mark.parametrize("text,actor,killed,claimant", [
    ("Russia carried out strikes that Ukrainian officials said killed 14 people.",
     "RUS", 14, "UKR"),
    ("Israel launched raids that Gaza health officials said killed 31 people.", "ISR", 31, "PSE"),
    ("Pakistan conducted air strikes that the Taliban said killed nine civilians.",
     "PAK", 9, "AFG"),
])
def test_a_toll_reported_inside_a_relative_clause_is_the_attacks(code, text, actor, killed,
                                                                 claimant):
    attack = one(code(text), "ASSAULT")
    assert ids(attack.actors) == [actor]
    assert attack.counts.killed.best == killed
    assert attack.counts.killed.claimed_by.country == claimant


@pytest.mark.parametrize("text,actor,killed", [
    ("Israel carried out strikes that killed 104 people.", "ISR", 104),
    ("Turkey launched air raids in the north that killed 12 fighters.", "TUR", 12),
    ("Russia fired missiles that killed 20 civilians in Kharkiv.", "RUS", 20),
])
def test_a_toll_in_a_relative_clause_on_the_attack_is_counted(code, text, actor, killed):
    attack = one(code(text), "ASSAULT")
    assert ids(attack.actors) == [actor] and attack.counts.killed.best == killed


@pytest.mark.parametrize("text,actor,killed,mode", [
    ("Pakistani air strikes killed 10 militants in Khyber.", "PAK", 10, "aerial"),
    ("Israeli strikes killed senior Iranian commanders on Friday.", "ISR", None, None),
    ("Russian shelling killed five civilians in Kherson.", "RUS", 5, "heavy-weapons"),
])
def test_an_attack_that_killed_is_one_event_with_the_attackers(code, text, actor, killed, mode):
    attack = one(code(text), "ASSAULT")
    assert ids(attack.actors) == [actor]
    assert (attack.counts.killed.best if attack.counts.killed else None) == killed
    if mode:
        assert attack.mode == mode


@pytest.mark.parametrize("text,actor,target", [
    ("Iran fired waves of missiles and drones at Israel.", "IRN", "ISR"),
    ("Hezbollah fired rockets at Israel on Sunday.", "hezbollah", "ISR"),
    ("Russia struck at Ukraine's power plants overnight.", "RUS", "UKR"),
])
def test_what_is_fired_or_struck_at_is_the_target(code, text, actor, target):
    attack = one(code(text), "ASSAULT")
    assert ids(attack.actors) == [actor] and ids(attack.recipients) == [target]


@pytest.mark.parametrize("text,parties", [
    ("The talks between Serbia and Kosovo in Brussels were called off.", ["SRB", "XKX"]),
    ("Nuclear talks between Iran and the United States planned for Oman were cancelled.",
     ["IRN", "USA"]),
    ("Officials said the summit between Russia and Ukraine had been scrapped.", ["RUS", "UKR"]),
])
def test_talks_called_off_were_not_held_and_failed(code, text, parties):
    talks = one(code(text), "CONSULT")
    assert ids(talks.actors) == parties
    assert talks.factuality == "negated" and talks.outcome == "failed"
    assert not of_type(code(text), "REJECT")       # who called them off is not told


@pytest.mark.parametrize("text", [
    "The meeting between India and China in Delhi was postponed.",
    "The round of talks between Peru and Chile was put off until March.",
])
def test_talks_put_off_were_not_held_but_have_not_failed(code, text):
    talks = one(code(text), "CONSULT")
    assert talks.factuality == "negated" and talks.outcome is None


def test_who_called_talks_off_refused_to_meet(code):
    refusal = one(code("Turkey scrapped the planned meeting with Greece."), "REJECT")
    assert ids(refusal.actors) == ["TUR"] and ids(refusal.recipients) == ["GRC"]


@pytest.mark.parametrize("text", [
    "The talks were to be held in Oslo between Norway and Sudan.",
    "The summit between Egypt and Ethiopia is to take place in Cairo.",
    "The talks in Geneva were to have been between Armenia and Azerbaijan.",
])
def test_talks_that_were_to_be_held_are_planned_not_held(code, text):
    events = code(text)
    assert not [e for e in events if e.event_type == "CONSULT" and e.factuality == "asserted"]
    planned = one(events, "AGREE")
    assert planned.factuality == "future"


def test_parties_of_talks_that_were_to_be_held_in_a_demo_story(coder):
    # in this story's parse "between X and Y" hangs on "been", the copula's complement
    from pathlib import Path

    from eventwire.ingest import read_paths

    demo = Path(__file__).resolve().parents[2] / "corpus" / "demo" / "demo-articles.jsonl"
    [article] = [a for a in read_paths([str(demo)])
                 if getattr(a, "id", "").startswith("courier-muscat-talks-off")]
    planned = one(coder.extract(article), "AGREE")
    assert planned.factuality == "future" and ids(planned.actors) == ["IRN", "USA"]


@pytest.mark.parametrize("text", [
    "How Ankara weighs that bombing against its own interests is the question now.",
    "The UN panel investigated the killings of civilians in Darfur.",
    "Rights groups documented the raids on villages in the north.",
])
def test_who_looks_at_an_attack_did_not_carry_it_out(code, text):
    for attack in of_type(code(text), "ASSAULT"):
        assert not attack.actors


@pytest.mark.parametrize("text,parties,mediators", [
    ("The second round of talks between Armenia and Azerbaijan opened in Geneva on Monday, "
     "hosted by Switzerland.", ["ARM", "AZE"], ["CHE"]),
    ("The talks between Ethiopia and Egypt began on Tuesday, hosted by the African Union.",
     ["EGY", "ETH"], ["au"]),
])
def test_talks_that_opened_hosted_by_a_third_party(code, text, parties, mediators):
    events = code(text)
    talks = one(events, "CONSULT")
    assert ids(talks.actors) == parties and ids(talks.mediators) == mediators
    assert talks.mode != "visit"


@pytest.mark.parametrize("text,mediators,parties", [
    ("Norway mediated between Colombia and the ELN.", ["NOR"], ["COL", "eln"]),
    ("Qatar and Turkey are mediating between Pakistan and Afghanistan.", ["QAT", "TUR"],
     ["AFG", "PAK"]),
    ("Armenia and Azerbaijan opened talks in Geneva. Switzerland and France are mediating.",
     ["CHE", "FRA"], ["ARM", "AZE"]),
])
def test_mediators_named_as_subjects_mediate_between_the_others(code, text, mediators, parties):
    talks = one(code(text), "CONSULT")
    assert ids(talks.mediators) == mediators and ids(talks.actors) == parties


@pytest.mark.parametrize("text,refused", [
    ("The Taliban said Pakistan had violated Afghan airspace.", False),
    ("Turkey said Greek jets violated its airspace over the Aegean.", False),
    ("Israel said Iran had violated the ceasefire.", True),
])
def test_crossing_into_airspace_is_no_refusal(code, text, refused):
    assert bool(of_type(code(text), "REJECT")) == refused


@pytest.mark.parametrize("text,actor,target,place", [
    ("Pakistani air strikes hit Paktika province in Afghanistan on Friday.", "PAK", "AFG",
     "Paktika"),
    ("Turkish jets struck Dohuk province in northern Iraq.", "TUR", "IRQ", "Dohuk"),
    ("Pakistani jets bombed Nangarhar province in Afghanistan overnight.", "PAK", "AFG",
     "Nangarhar"),
])
def test_a_province_struck_is_the_place_and_its_state_the_target(code, text, actor, target,
                                                                 place):
    attack = one(code(text), "ASSAULT")
    assert ids(attack.actors) == [actor]
    assert [r.id for r in attack.recipients] in ([target], [])
    assert attack.location is not None and attack.location.text == f"{place} province"
    assert attack.location.country == target and attack.location.precision != "country"


@pytest.mark.parametrize("text,mediator", [
    ("Armenia and Azerbaijan traded fire on the border. Talks hosted by Switzerland opened in "
     "Geneva on Saturday.", "CHE"),
    ("Sudan's army and the RSF fought in Khartoum. Saudi Arabia hosted the talks in Jeddah "
     "on Monday.", "SAU"),
])
def test_a_host_who_is_no_party_makes_the_talks_third_party(code, text, mediator):
    talks = one(code(text), "CONSULT")
    assert ids(talks.mediators) == [mediator] and talks.mode == "third-party"
    assert mediator not in ids(talks.actors)


@pytest.mark.parametrize("article_date", ["2025-10-13", "2025-11-01", "2026-01-01"])
@pytest.mark.parametrize("text,event_type,offset", [
    ("The fighting between Pakistan and Afghanistan came two days after explosions in the "
     "capital late on {day}.", "ASSAULT", 2),
    ("The clashes between Armenia and Azerbaijan came three days after the shelling on {day}.",
     "ASSAULT", 3),
    ("Armenia and Azerbaijan met in Geneva a week before the vote on {day}.", "CONSULT", -7),
])
def test_an_offset_counts_from_the_day_after_it_not_the_story(code, article_date, text,
                                                            event_type, offset):
    from datetime import date, timedelta

    published = date.fromisoformat(article_date)
    named = published - timedelta(days=10)
    event = one(code(text.format(day=f"{named:%B} {named.day}"), article_date), event_type)
    expected = named + timedelta(days=offset)
    assert event.date.start == event.date.end == expected.isoformat()
