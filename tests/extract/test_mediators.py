"""A party the text titles a mediator goes in ``mediators``, not among the parties it brings
together (docs/CODEBOOK.md). Our own sentences."""

import pytest


@pytest.mark.parametrize("text, mediator", [
    ("Sudanese rebel leaders said they would meet UN mediator Karl Brandt on Friday.",
     "karl-brandt"),
    ("Kenyan officials met the African Union mediator, Amara Sow, in Nairobi on Monday.",
     "amara-sow"),
])
def test_a_titled_mediator_is_a_mediator(code, text, mediator):
    events = [e for e in code(text) if e.event_type in ("CONSULT", "AGREE")]
    assert events
    ev = events[0]
    assert mediator in {m.id for m in ev.mediators}
    assert mediator not in {a.id for a in ev.actors + ev.recipients}
    assert ev.actors        # the parties themselves stay


def test_a_meeting_partner_with_no_mediator_title_stays_a_party(code):
    ev = next(e for e in code("Sudanese rebel leaders said they would meet UN envoy Karl Brandt "
                              "on Friday.") if e.event_type in ("CONSULT", "AGREE"))
    assert "karl-brandt" in {a.id for a in ev.actors}
    assert not ev.mediators


@pytest.mark.parametrize("text, host, parties", [
    ("Oman hosted talks between Iran and the United States.", "OMN", ["IRN", "USA"]),
    ("Kenya hosted talks between Sudan and South Sudan in Nairobi on Monday.", "KEN",
     ["SDN", "SSD"]),
])
def test_a_host_of_talks_between_others_is_their_mediator(code, text, host, parties):
    events = code(text)
    assert [e.event_type for e in events] == ["CONSULT"]      # no visit to the host
    ev = events[0]
    assert sorted(a.id for a in ev.actors) == parties
    assert [m.id for m in ev.mediators] == [host] and ev.mode == "third-party"


def test_a_state_that_mediates_talks_is_no_party_to_them(code):
    ev = next(e for e in code("Egypt mediated talks between Israel and Hamas in Cairo.")
              if e.event_type == "CONSULT")
    assert sorted(a.id for a in ev.actors) == ["ISR", "hamas"]
    assert [m.id for m in ev.mediators] == ["EGY"]


def test_mediation_named_by_an_adjective(code):
    ev = next(e for e in code("Talks between Ethiopia and Eritrea were held in Jeddah under "
                              "Saudi mediation.") if e.event_type == "CONSULT")
    assert sorted(a.id for a in ev.actors) == ["ERI", "ETH"]
    assert [m.id for m in ev.mediators] == ["SAU"]


def test_a_host_who_receives_a_visitor_stays_a_party(code):
    ev = next(e for e in code("Kenya hosted the Ugandan president in Nairobi.")
              if e.event_type == "CONSULT")
    assert ev.mode == "visit" and [r.id for r in ev.recipients] == ["KEN"]
    assert not ev.mediators
