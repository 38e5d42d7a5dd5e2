"""Office-holders with dated terms: a name and the article's date give the person's state.

The mechanism is tested on a table of invented people; the packaged table is checked for
shape (known states, ordered dates), not for its facts.
"""

import datetime
import re

import pytest

from eventwire.extract.offices import OfficeTable, plain
from eventwire.resources import load_yaml

INVENTED = [
    {"names": ["Anna Lindqvist"], "country": "SWE", "office": "prime minister",
     "from": "2003-02-01", "to": 2007},
    {"names": ["Piet Harms", "Pieter Harms"], "country": "NLD", "office": "president",
     "from": 1999, "to": "2003-01-31"},
    {"names": ["Karel Harms"], "country": "BEL", "office": "prime minister", "from": 2005},
    {"names": ["Jörg Núñez"], "country": "CHL", "office": "president", "from": 2011, "to": 2015},
    {"names": ["Queen Ilse"], "surname": None, "country": "DNK", "office": "monarch",
     "from": 1990},
    {"names": ["Tomas Berg"], "country": "NOR", "office": "prime minister", "from": 1995,
     "to": 1999},
    {"names": ["Tomas Berg"], "country": "NOR", "office": "prime minister", "from": 2004,
     "to": 2008},
]


@pytest.fixture(scope="module")
def table():
    return OfficeTable.from_rows(INVENTED)


@pytest.mark.parametrize("name, day, country, in_office", [
    ("Anna Lindqvist", "2005-06-01", "SWE", True),
    ("Lindqvist", "2005-06-01", "SWE", True),          # a surname alone
    ("Lindqvist", "2007-12-31", "SWE", True),          # a year-only end covers its year
    ("Lindqvist", "2008-01-01", "SWE", False),         # a former holder is still of the state
    ("Harms", "2001-03-03", "NLD", True),              # the one holding office that day wins
    ("Harms", "2006-03-03", "BEL", True),
    ("Pieter Harms", "2010-01-01", "NLD", False),
    ("Jorg Nunez", "2012-01-01", "CHL", True),         # accents do not matter
    ("Berg", "2001-01-01", "NOR", False),              # between two terms of one person
])
def test_a_name_on_a_day_gives_the_state(table, name, day, country, in_office):
    holding = table.lookup(name, day)
    assert holding is not None
    assert (holding.country, holding.in_office) == (country, in_office)


@pytest.mark.parametrize("name, day", [
    ("Harms", "2004-01-01"),        # two people of two states, neither in office that day
    ("Harms", None),                # no date: a surname of two people says nothing
    ("Ilse", "2000-01-01"),         # no surname given for this row
    ("Anna Berg", "2000-01-01"),    # not in the table
])
def test_an_ambiguous_or_unknown_name_gives_nothing(table, name, day):
    assert table.lookup(name, day) is None


def test_with_no_date_a_name_of_one_person_is_enough(table):
    assert table.lookup("Berg", None).country == "NOR"      # two terms, one person
    assert table.lookup("Piet Harms", None).country == "NLD"


def test_an_unreadable_date_is_no_date(table):
    assert table.lookup("Harms", "4:58 pm") is None
    assert table.lookup("Piet Harms", "last Tuesday").country == "NLD"


def test_plain_drops_accents_and_dotless_i():
    assert plain("Erdoğan Yıldırım Çelik") == "Erdogan Yildirim Celik"


def _day(value, first):
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01" if first else f"{text}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-01" if first else f"{text}-28"
    datetime.date.fromisoformat(text)       # raises on a malformed date
    return text


def test_packaged_table_is_well_formed(coder):
    rows = load_yaml("office_holders.yaml")["holders"]
    assert len(rows) > 100
    for row in rows:
        assert row["country"] in coder.entities.entries, row
        assert row["names"] and row["office"], row
        start = _day(row["from"], first=True)
        if row.get("to") is not None:
            assert start <= _day(row["to"], first=False), row
    table = OfficeTable.load()
    assert len(table.terms) == len(rows)
