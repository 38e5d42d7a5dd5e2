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
