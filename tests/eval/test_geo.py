"""Tests for eventwire.eval.geo: distances, re-anchoring, resolution and geotagging scores, gates."""

from __future__ import annotations

import io
import textwrap

import pytest

from _paths import SHARED, require_shared
from eventwire.eval import geo, run_dataset
from eventwire.model import Place


def test_distance_km():
    assert geo.distance_km(0, 0, 0, 0) == 0
    assert geo.distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)
    assert geo.distance_km(51.5, -0.12, 48.86, 2.35) == pytest.approx(343, abs=5)   # London-Paris


def test_reanchor_finds_a_phrase_a_few_characters_off():
    text = "Talks opened in Oslo and ended in Bergen."
    assert geo._reanchor(text, "Oslo", 16, 20) == (16, 20)
    assert geo._reanchor(text, "Oslo", 17, 21) == (16, 20)
    assert geo._reanchor(text, "Bergen", 30, 36) == (34, 40)
    assert geo._reanchor(text, "Tromsø", 16, 22) is None


def _gold(text, name, start, lat, lon, country, geonameid=None):
    top = geo.GoldToponym(name, (start, start + len(name)), "Literal", lat, lon, country, geonameid)
    return geo.GoldArticle("a", text, None, (top,), (top.span,))


def _place(name, country, lat, lon, span, geonameid=None):
    return Place(name=name, country=country, lat=lat, lon=lon, geonameid=geonameid,
                 precision="city", text=name, span=span)


def test_resolution_uses_our_span_then_the_lookup_then_the_focus():
    gold = _gold("Rain fell on Bergen.", "Bergen", 13, 60.39, 5.32, "NOR")
    ours = [_place("Bergen", "NOR", 60.39, 5.32, (13, 19))]
    (found,) = geo.resolve_gold(gold, ours, lambda text, span: None)
    assert (found.how, found.within, found.country_right) == ("found", True, True)
    (looked,) = geo.resolve_gold(gold, [], lambda text, span: _place("Bergen", "NLD", 52.67, 4.7,
                                                                       None))
    assert (looked.how, looked.within, looked.country_right) == ("looked up", False, False)
    focus = _place("Stord", "NOR", 59.78, 5.5, None)
    (near,) = geo.resolve_gold(gold, [], lambda text, span: None, focus)
    assert (near.how, near.within, near.country_right) == ("focus", True, True)
    (none,) = geo.resolve_gold(gold, [], lambda text, span: None)
    assert (none.how, none.within, none.country_right) == ("none", False, False)


def test_the_same_geonames_feature_counts_as_within_whatever_the_points():
    gold = _gold("Canada voted.", "Canada", 0, 60.1, -113.6, "CAN", geonameid=6251999)
    ours = [_place("Canada", "CAN", 60.0, -95.0, (0, 6), geonameid=6251999)]
    (r,) = geo.resolve_gold(gold, ours, lambda text, span: None)
    assert r.error_km > 161 and not r.within_distance
    assert r.same_feature and r.within


def test_match_spans_is_one_to_one():
    gold = [(0, 5), (10, 15)]
    assert geo.match_spans(gold, [(0, 5), (1, 4), (10, 12)], exact=False) == 2
    assert geo.match_spans(gold, [(0, 5), (10, 12)], exact=True) == 1
    assert geo.match_spans(gold, [], exact=False) == 0


TRNEWS_SAMPLE = textwrap.dedent("""\
    <?xml version="1.0" encoding="utf-8"?>
    <articles>
      <article docid="7">
        <title>t</title><url>u</url><domain>d</domain><dltime>2017-03-02</dltime>
        <text><![CDATA[Ferries left Bergen for Stavanger.]]></text>
        <toponyms>
          <toponym><phrase>Bergen</phrase><start>13</start><end>19</end>
            <gaztag geonameid="3161732"><name>Bergen</name><fclass>P</fclass><fcode>PPLA</fcode>
              <lat>60.39</lat><lon>5.32</lon><country geonameid="3144096">Norway</country></gaztag>
          </toponym>
          <toponym><phrase>Stavanger</phrase><start>25</start><end>34</end></toponym>
        </toponyms>
      </article>
    </articles>
    """)


def test_load_trnews_reads_points_countries_and_reanchors(tmp_path):
    (tmp_path / "TR-News.xml").write_text(TRNEWS_SAMPLE, encoding="utf-8")
    gold = geo.load_trnews(tmp_path)
    (article,) = gold.articles
    assert article.date == "2017-03-02"
    (bergen,) = article.toponyms                   # Stavanger has no gaztag: tagged only
    assert (bergen.country, bergen.geonameid, bergen.span) == ("NOR", 3161732, (13, 19))
    assert article.tagged == ((13, 19), (24, 33))  # Stavanger re-anchored one character back


def _gate(name, coder, tmp_path, filename):
    require_shared(SHARED / "gold" / name / filename)
    out = io.StringIO()
    code = run_dataset(name, data_dir=SHARED / "gold", report_path=tmp_path / "r.json",
                       check_floors=True, out=out, coder=coder, progress=False)
    assert code == 0, out.getvalue()


@pytest.mark.slow
def test_geowebnews_meets_its_floors(coder, tmp_path):
    _gate("geowebnews", coder, tmp_path, "GWN.xml")


@pytest.mark.slow
def test_trnews_meets_its_floors(coder, tmp_path):
    _gate("trnews", coder, tmp_path, "TR-News.xml")


def test_a_point_in_open_sea_has_no_country():
    from eventwire.eval.geo import CountryLocator

    locator = CountryLocator()
    assert locator.nearest(48.86, 2.35) == "FRA"                 # Paris
    assert locator.nearest(-23.70, 133.88) == "AUS"              # Alice Springs, far inland
    assert locator.nearest(0.0, -30.0) is None                   # mid-Atlantic
    assert locator.nearest(0.0, -30.0, max_km=5000.0) is not None
