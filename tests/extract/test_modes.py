"""PLOVER modes the coder picks from the words around a trigger (triggers.yaml: mode_cues,
assault_modes and the entries with a mode), on sentences of our own. Decisions the manual
leaves open are in docs/CODEBOOK.md ("Modes")."""

import pytest

from _events import only_of as only


def _cases(rows):
    return pytest.mark.parametrize("text, event_type, mode, actor", rows,
                                   ids=[f"{t}-{m}-{i}" for i, (_, t, m, _) in enumerate(rows)])


# What is asked for names the mode of a request (PLOVER: assist, change, yield, meet).
REQUESTS = [
    ("Chad asked Niger for military assistance.", "REQUEST", "assist", "TCD"),
    ("Somalia requested financial support from Kenya.", "REQUEST", "assist", "SOM"),
    ("Malawi appealed for food aid from Zambia.", "REQUEST", "assist", "MWI"),
    ("Mali urged Senegal to hold talks on the border dispute.", "REQUEST", "meet", "MLI"),
    ("Peru called for negotiations with Chile over the fishing zone.", "REQUEST", "meet", "PER"),
    ("Bolivia asked Chile for a meeting on the water dispute.", "REQUEST", "meet", "BOL"),
    ("Kenya demanded the release of its detained fishermen from Somalia.", "REQUEST", "yield", "KEN"),
    ("Ethiopia urged Eritrea to withdraw its troops from the border town.", "REQUEST", "yield", "ETH"),
    ("Armenia called on Azerbaijan to observe the ceasefire.", "REQUEST", "yield", "ARM"),
    ("Ghana urged Togo to hold free elections.", "REQUEST", "change", "GHA"),
    ("Protesters demanded the resignation of the Kenyan interior minister.", "REQUEST", "change", "KEN"),
    ("Bolivia asked Chile to hold a referendum on the port.", "REQUEST", "change", "BOL"),
]

# A refusal takes the mode of what it refuses, the same table as requests.
REJECTIONS = [
    ("Ghana refused Togo's request for military aid.", "REJECT", "assist", "GHA"),
    ("Zambia turned down Malawi's appeal for food aid.", "REJECT", "assist", "ZMB"),
    ("Chile rejected Bolivia's demand for loans.", "REJECT", "assist", "CHL"),
    ("Chile rejected Bolivia's call for talks.", "REJECT", "meet", "CHL"),
    ("Ecuador refused to meet Peruvian negotiators.", "REJECT", "meet", "ECU"),
    ("Eritrea rejected an Ethiopian proposal for a summit.", "REJECT", "meet", "ERI"),
    ("Eritrea rejected Ethiopia's demand for a withdrawal of its troops.", "REJECT", "yield", "ERI"),
    ("Azerbaijan rejected Armenia's call for a ceasefire.", "REJECT", "yield", "AZE"),
    ("Sudan refused to release the Chadian prisoners.", "REJECT", "yield", "SDN"),
    ("Togo rejected Ghana's call for electoral reforms.", "REJECT", "change", "TGO"),
    ("Nicaragua rejected demands for the resignation of its president.", "REJECT", "change", "NIC"),
    ("Bolivia rejected Chile's demand for a referendum.", "REJECT", "change", "BOL"),
]

# PLOVER: weapons, ships or vehicles are 'weapons' unless troops are named too; police and
# security units are 'police'.
MOBILIZATIONS = [
    ("Russia deployed missiles near the Finnish border.", "MOBILIZE", "weapons", "RUS"),
    ("China stationed warships near the disputed islands.", "MOBILIZE", "weapons", "CHN"),
    ("Iran moved rocket launchers to its western border.", "MOBILIZE", "weapons", "IRN"),
    ("Russia deployed troops and tanks near the Finnish border.", "MOBILIZE", "troops", "RUS"),
    ("Kenya deployed riot police to Nairobi.", "MOBILIZE", "police", "KEN"),
    ("Uganda sent police reinforcements to the border town.", "MOBILIZE", "police", "UGA"),
    ("Peru deployed gendarmes along its border with Bolivia.", "MOBILIZE", "police", "PER"),
]

# Meetings of three or more parties, or of an IGO, are multilateral.
MEETINGS = [
    ("Kenya, Uganda and Tanzania held a summit in Arusha.", "CONSULT", "multilateral", "UGA"),
    ("The Kenyan, Ugandan and Tanzanian presidents held a summit in Arusha.", "CONSULT", "multilateral", "TZA"),
    ("Chile, Peru and Bolivia held talks in Lima.", "CONSULT", "multilateral", "BOL"),
    ("The African Union held a summit in Addis Ababa.", "CONSULT", "multilateral", "IGO"),
    ("ASEAN foreign ministers met in Jakarta on Friday.", "CONSULT", "multilateral", "IGO"),
    ("Kenya held talks with the African Union on Somalia.", "CONSULT", "multilateral", "KEN"),
]

COERCIONS = [
    ("Russian hackers attacked Estonian government networks.", "COERCE", "cyber", "RUS"),
    ("Chinese hackers attacked Taiwanese ministry computer networks.", "COERCE", "cyber", "CHN"),
    ("Iran launched a cyberattack on Israeli water systems.", "COERCE", "cyber", "IRN"),
    ("North Korea carried out a cyberattack against South Korean banks.", "COERCE", "cyber", "PRK"),
    ("Russia cut off gas supplies to Moldova.", "COERCE", "withhold", "RUS"),
    ("Ethiopia shut off electricity in the Tigray region.", "COERCE", "withhold", "ETH"),
    ("The Syrian army cut off water to the besieged town.", "COERCE", "withhold", "SYR"),
    ("Russia ran a disinformation campaign against Georgia.", "COERCE", "misinformation", "RUS"),
    ("Iran launched a propaganda campaign against Saudi Arabia.", "COERCE", "misinformation", "IRN"),
    ("China waged a disinformation campaign against Taiwan.", "COERCE", "misinformation", "CHN"),
]

ASSAULTS = [
    ("Israeli troops razed Palestinian homes in the village.", "ASSAULT", "destroy", "ISR"),
    ("Sudanese soldiers torched homes in the Darfur village.", "ASSAULT", "destroy", "SDN"),
    ("Myanmar soldiers burned Rohingya villages.", "ASSAULT", "destroy", "MMR"),
    ("An al-Shabaab suicide bomber attacked a Somali army base.", "ASSAULT", "suicide-attack", "SOM"),
    ("Al-Shabaab carried out a suicide bombing in Mogadishu.", "ASSAULT", "suicide-attack", "SOM"),
    ("Islamic State claimed a suicide attack on an Iraqi police post.", "ASSAULT", "suicide-attack", "IMG"),
    ("Syria used chemical weapons against rebels in Idlib.", "ASSAULT", "unconventional", "SYR"),
    ("Iraqi forces used nerve agent against Kurdish villagers.", "ASSAULT", "unconventional", "IRQ"),
    ("Syrian government helicopters dropped chlorine on the rebel-held town.", "ASSAULT", "unconventional", "SYR"),
]


@_cases(REQUESTS + REJECTIONS + MOBILIZATIONS + MEETINGS + COERCIONS + ASSAULTS)
def test_mode(code, text, event_type, mode, actor):
    ev = only(code(text), event_type)
    assert ev.mode == mode
    assert actor in {a.country for a in ev.actors}


@pytest.mark.parametrize("text, mode", [
    ("Chad met Niger in Ndjamena.", None),
    ("The Ghanaian president met his Togolese counterpart in Accra.", None),
    ("Kenya hosted the Ugandan president in Nairobi.", "visit"),
])
def test_a_meeting_of_two_states_is_not_multilateral(code, text, mode):
    assert only(code(text), "CONSULT").mode == mode


@pytest.mark.parametrize("text", [
    "Israeli authorities demolished Palestinian homes in East Jerusalem.",
    "Egyptian police demolished houses of Sinai residents near the border.",
    "Indian authorities bulldozed homes of Kashmiri protesters.",
])
def test_a_demolition_by_the_authorities_is_a_seizure(code, text):
    # CODEBOOK "Modes": demolishing or bulldozing by order is COERCE seize; razing, torching
    # and burning are ASSAULT destroy
    events = code(text)
    assert [(e.event_type, e.mode) for e in events] == [("COERCE", "seize")]


def test_an_accused_chemical_attack_is_the_content_of_the_accusation(code):
    events = code("The rebels accused the Syrian army of a chemical attack on the town.")
    assert [(e.event_type, e.mode) for e in events] == [("ACCUSE", "allege")]


@pytest.mark.parametrize("text", [
    "A suicide bomber attacked a Somali army base in Mogadishu.",
    "A suicide bomber struck a market in the capital.",
    "Two suicide bombers blew themselves up at a checkpoint.",
])
def test_a_suicide_attack_with_no_party_named_is_no_event(code, text):
    # PLOVER needs an actor; we code none when none is named
    assert code(text) == []


@pytest.mark.parametrize("text", [
    "Farmers burned crop stubble in the fields.",
    "The company demolished the old warehouse.",
    "The storm destroyed homes in the coastal town.",
    "Engineers cut off water to the building for repairs.",
    "The influencer spread misinformation about vaccines.",
    "Hackers stole customer data from the bank.",
    "The team asked the league for help.",
    "The orchestra held a summit with three other choirs.",
])
def test_modes_add_no_events_outside_politics(code, text):
    assert code(text) == []
