"""Office-holders: whose head of state or of government a named person was, and when.

The table is data (``resources/office_holders.yaml``; which states and people it holds, and
why, is said there and in docs/CODEBOOK.md). A name is looked up against the article's date:
the state whose office the person holds on that day wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..resources import load_yaml

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Letters NFKD does not take apart into a base letter and an accent.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss"})


def plain(text: str) -> str:
    """``text`` without accents: 'Erdoğan' -> 'Erdogan', 'Yıldırım' -> 'Yildirim'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Term:
    """One person's term in one office of one state."""

    name: str                   # display name (the row's first name)
    country: str                # ISO3
    office: str
    start: str                  # ISO date, or a year ("1998")
    end: Optional[str]          # None while in office

    def held_on(self, day: str) -> bool:
        """Whether the term covers ``day`` (ISO date); a year-only bound covers its whole year."""
        start = _bound(self.start, first=True)
        end = _bound(self.end, first=False) if self.end else "9999-12-31"
        return start <= day[:10] <= end


def _bound(value: str, first: bool) -> str:
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-01-01" if first else f"{value}-12-31"
    if len(parts) == 2:
        return f"{value}-01" if first else f"{value}-31"
    return value


@dataclass(frozen=True)
class Holding:
    """What the table says about a named person on a day: their state, and whether they hold
    one of its offices that day (else they held or will hold one)."""

    country: str
    in_office: bool
    term: Term


@dataclass
class OfficeTable:
    terms: tuple[Term, ...]
    by_name: dict[str, tuple[Term, ...]]        # full name, accent-free -> terms
    by_surname: dict[str, tuple[Term, ...]]     # surname alone, accent-free -> terms

    @classmethod
    def load(cls, name: str = "office_holders.yaml") -> "OfficeTable":
        return cls.from_rows(load_yaml(name).get("holders", []))

    @classmethod
    def from_rows(cls, rows: list[dict]) -> "OfficeTable":
        terms = []
        by_name: dict[str, list[Term]] = {}
        by_surname: dict[str, list[Term]] = {}
        for row in rows:
            names = [str(n) for n in row["names"]]
            term = Term(name=names[0], country=str(row["country"]), office=str(row["office"]),
                        start=str(row["from"]),
                        end=str(row["to"]) if row.get("to") is not None else None)
            terms.append(term)
            for form in {plain(n) for n in names}:
                by_name.setdefault(form, []).append(term)
            surname = row["surname"] if "surname" in row else names[0].split()[-1]
            if surname:
                by_surname.setdefault(plain(str(surname)), []).append(term)
        return cls(terms=tuple(terms), by_name={k: tuple(v) for k, v in by_name.items()},
                   by_surname={k: tuple(v) for k, v in by_surname.items()})

    def lookup(self, text: str, day: Optional[str]) -> Optional[Holding]:
        """The state of the person named ``text`` (a full name as listed, or a surname alone)
        on ``day``.

        A term held on ``day`` wins when all such terms are of one state. Otherwise, with a
        day, a name whose terms are all of one state gives that state (a former or future
        holder is still of it, but does not hold its office). With no day, only a name that
        matches one person gives an answer.
        """
        if day is not None and not _ISO_DAY.match(day):
            day = None          # a date we cannot read is no date
        key = plain(text.strip())
        terms = self.by_name.get(key) or (self.by_surname.get(key) if " " not in key else None)
        if not terms:
            return None
        if day is None:
            if len({t.name for t in terms}) != 1:
                return None
            return Holding(country=terms[0].country, in_office=False, term=terms[-1])
        held = [t for t in terms if t.held_on(day)]
        if held and len({t.country for t in held}) == 1:
            return Holding(country=held[0].country, in_office=True, term=held[0])
        if not held and len({t.country for t in terms}) == 1:
            return Holding(country=terms[0].country, in_office=False,
                           term=min(terms, key=lambda t: abs(_year(t.start) - _year(day))))
        return None


def _year(value: str) -> int:
    return int(value[:4])
