"""Contested events and small coding gaps (issue #3), on sentences of our own.

Contested events carry both sides as claims; plural demonyms acting for a state are the
state; expelled diplomats are not displaced; a year before the subject dates the event.
"""

from _events import first_of as of_type


def sides(event):
    return sorted((cl.by.id, cl.stance) for cl in event.claims if cl.by is not None)


# -- contested events carry both sides ---------------------------------------------------

def test_reported_shelling_denied_in_the_same_sentence_has_both_sides(code):
    events = code("Ghana said Togolese troops shelled its border posts, but Togo denied it.")
    assert sides(of_type(events, "ASSAULT")) == [("GHA", "asserts"), ("TGO", "denies")]
    assert [a.id for a in of_type(events, "REJECT").actors] == ["TGO"]   # the refusal stays


def test_denial_in_a_relative_clause_reaches_the_event(code):
    events = code("Kenya said Somali forces shelled the border town, which Somalia denied.")
    assert ("SOM", "denies") in sides(of_type(events, "ASSAULT"))
    assert ("KEN", "asserts") in sides(of_type(events, "ASSAULT"))


def test_denial_in_the_next_sentence_reaches_the_reported_event(code):
    events = code("Kenya said Somali troops shelled its border posts on Monday. Somalia denied the claim.")
    assert sides(of_type(events, "ASSAULT")) == [("KEN", "asserts"), ("SOM", "denies")]


def test_accusation_denied_in_the_next_sentence_carries_the_denial(code):
    events = code("Benin accused Niger of attacking a border village. Niger denied the charges.")
    accusation = of_type(events, "ACCUSE")
    assert sides(accusation) == [("NER", "denies")]
    assert [r.id for r in of_type(events, "REJECT").recipients] == ["BEN"]


def test_a_third_party_denial_is_not_the_actor_denying(code):
    events = code("Chad said Sudanese troops attacked a camp, but Niger denied it.")
    assert sides(of_type(events, "ASSAULT")) == [("TCD", "asserts")]


def test_a_refusal_of_something_else_is_not_a_denial_of_the_event(code):
    events = code("Chad said Sudanese troops attacked a camp. Sudan denied entry to the envoy.")
    assert sides(of_type(events, "ASSAULT")) == [("TCD", "asserts")]


# -- expelled diplomats are not displaced -------------------------------------------------

def displaced(nlp, text):
    from eventwire.extract.counts import find_counts

    return [(c.kind, c.best) for c in find_counts(nlp(text)) if c.kind == "displaced"]


def test_expelled_diplomats_are_a_sanction_without_displaced(code):
    ev = of_type(code("Ghana expelled two Togolese diplomats."), "SANCTION")
    assert ev.mode == "expel"
    assert ev.counts.displaced is None


def test_expelled_envoys_and_staff_count_no_one_displaced(nlp):
    assert displaced(nlp, "Norway expelled fifteen Russian embassy staff on Friday.") == []
    assert displaced(nlp, "Kenya expelled three Ugandan officials after the dispute.") == []


def test_expelled_villagers_are_still_displaced(nlp):
    assert displaced(nlp, "The militia expelled 300 families from the village.") == [("displaced", 300)]
    assert displaced(nlp, "Troops expelled 2,000 residents from the border town.") == [("displaced", 2000)]


# -- a year before the subject dates the event --------------------------------------------

def test_a_fronted_year_dates_the_accusation_whatever_the_article_date(code):
    for article_date in ("2024-05-15", "2011-02-03", "2019-12-31"):
        ev = of_type(code("In 2009 Peru accused Chile of spying on its navy.", article_date), "ACCUSE")
        assert (ev.date.start, ev.date.end) == ("2009-01-01", "2009-12-31"), article_date
        assert ev.date.precision == "year" and ev.date.basis == "text"


def test_a_fronted_year_dates_other_acts(code):
    ev = of_type(code("In 2011 Chad accused Sudan of arming rebels.", "2023-03-01"), "ACCUSE")
    assert ev.date.start == "2011-01-01"
    ev = of_type(code("In 2016 Norway expelled two Russian diplomats.", "2019-06-10"), "SANCTION")
    assert ev.date.start == "2016-01-01" and ev.date.precision == "year"


def test_a_year_naming_the_object_does_not_date_the_act(code):
    for article_date in ("2023-03-01", "2018-07-09"):
        ev = of_type(code("Kenya rejected the 2015 border deal with Somalia.", article_date), "REJECT")
        assert ev.date.start == article_date and ev.date.basis == "article"


# -- plural demonyms as states ------------------------------------------------------------

def actors(event):
    return sorted((a.id, a.sector) for a in event.actors)


def test_the_plural_demonyms_signing_a_deal_are_their_states(code):
    ev = of_type(code("The Emiratis and the Saudis signed a defence deal."), "SUPPORT")
    assert actors(ev) == [("ARE", "GOV"), ("SAU", "GOV")]


def test_the_plural_demonym_attacking_or_agreeing_is_the_state(code):
    ev = of_type(code("The Iranians attacked a tanker in the Gulf."), "ASSAULT")
    assert actors(ev) == [("IRN", "GOV")]
    ev = of_type(code("The Russians and the Turks agreed to a ceasefire in the north."), "CONCEDE")
    assert actors(ev) == [("RUS", "GOV"), ("TUR", "GOV")]


def test_demonyms_protesting_or_without_the_stay_civilians(code):
    assert actors(of_type(code("Iranians protested in Tehran."), "PROTEST")) == [("irn-cvl", "CVL")]
    ev = of_type(code("The Iranians protested outside the embassy."), "PROTEST")
    assert actors(ev) == [("irn-cvl", "CVL")]
    ev = of_type(code("Thousands of Iranians attacked a police station."), "ASSAULT")
    assert actors(ev) == [("irn-cvl", "CVL")]
