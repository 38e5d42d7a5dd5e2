"""Entity mentions: who the parties of events are, with country, PLOVER sector and dated roles.

The dictionary is data: states come from the countryinfo and pycountry packages, everything
else from ``resources/entities.yaml``; heads of state and government named without a country
are found by name and date in ``resources/office_holders.yaml`` (``offices.py``). Mentions are
found with spaCy phrase matchers and resolved against the article date (the Taliban are
Afghanistan's government from 2021-08-15, an armed group before). Generic mentions ("the two sides", "the country") are
never entities of their own: they resolve to the parties in play, or to nothing.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Optional

from ..model import Entity
from ..nlp.sentences import doc_text, sentences
from ..nlp.tokens import entity_spans
from ..resources import load_yaml
from .offices import OfficeTable
from .places.finder import DIVISION_WORDS

log = logging.getLogger(__name__)

STATE_ORGAN_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
# Parties PLOVER codes by sector when no state or name is given.
UNNAMED_SECTORS = frozenset({"MIL", "COP", "REB", "CVL", "OPP", "JUD", "LEG", "JRN"})
# Civilians who are parties to political events (not bystanders or victims of crime).
POLITICAL_CIVILIANS = frozenset({"protester", "demonstrator", "activist", "striker", "student",
                                 "worker", "dissident", "refugee", "villager", "resident",
                                 "civilian", "people"})
# Places and things that belong to a party and are struck or seized in its stead.
HELD_BY_HEADS = frozenset({"position", "positions", "base", "bases", "hideout", "hideouts", "camp",
                           "camps", "post", "posts", "stronghold", "strongholds", "sanctuary",
                           "sanctuaries", "target", "targets", "facility", "facilities", "site",
                           "sites", "convoy", "convoys", "outpost", "outposts", "headquarters",
                           "compound", "depot", "depots", "installation", "installations",
                           "checkpoint", "checkpoints", "vessel", "vessels", "ship", "ships"})
# Words that tie a group to the leader or body it follows ("militiamen loyal to X").
ALLEGIANCE_WORDS = frozenset({"loyal", "affiliate", "affiliated", "allied", "attach", "attached",
                              "belong", "linked", "link", "faithful"})
LED_WORDS = frozenset({"led", "backed", "controlled", "run", "ruled", "dominated", "sponsored",
                       "supported", "based", "allied", "aligned"})
# Names of international bodies begin so; their last word tells states' bodies from others.
INTERNATIONAL_WORDS = frozenset({"international", "world", "global", "inter-american", "interpol"})
IGO_HEADS = frozenset({"office", "organization", "organisation", "agency", "fund", "bank",
                       "court", "tribunal", "union", "council", "programme", "program"})
# Last words of the names of bodies (an international word anywhere before one makes the body
# international: "the Global Climate Forum").
BODY_HEADS = IGO_HEADS | frozenset({"forum", "conference", "congress", "association",
                                    "federation", "alliance", "network", "committee",
                                    "commission", "foundation", "institute"})
# Last words of the names of bodies named after their state ("the Chilean Miners' Union").
STATE_NAMED_BODY_HEADS = BODY_HEADS | frozenset({"society", "syndicate", "league", "chamber",
                                                  "guild", "union", "party", "movement"})
# Words in an organisation's own name that tell what kind of body it is.
ORG_NAME_SECTORS = {"party": "PTY", "movement": "OPP", "front": "REB", "liberation": "REB",
                    "army": "REB", "brigade": "REB", "brigades": "REB", "militia": "REB",
                    "council": "GOV", "committee": "GOV", "commission": "GOV", "ministry": "GOV",
                    "office": "GOV", "agency": "GOV", "department": "GOV",
                    "court": "JUD", "tribunal": "JUD", "parliament": "LEG", "assembly": "LEG",
                    "association": "NGO", "federation": "NGO", "foundation": "NGO",
                    "society": "NGO", "watch": "NGO", "institute": "NGO", "network": "NGO",
                    "union": "CVL", "company": "BUS", "corporation": "BUS", "bank": "BUS",
                    "group": None}
# Weapons and vehicles name a party's arm ("Israeli tanks") but are never a party alone.
WEAPON_WORDS = frozenset({"tank", "tanks", "jet", "jets", "warplane", "warplanes", "aircraft",
                          "helicopter", "helicopters", "bomber", "bombers", "drone", "drones",
                          "gunship", "gunships", "warship", "warships", "gunboat", "gunboats",
                          "artillery", "missile", "missiles"})
# Heads that count people; the party is what they count ("thousands of students").
QUANTITY_HEADS = frozenset({"third", "half", "quarter", "part", "majority", "rest", "remainder",
                            "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens",
                            "score", "scores", "group", "number", "members", "member", "crowd",
                            "band", "batch", "contingent", "delegation", "unit", "team", "some",
                            "many", "most", "all", "several", "million", "millions"})
# Generic heads a name or demonym can stand before as the real party ("the APEC forum").
# Parts of a body that act for it ("the armed wing of X", "X's youth wing").
WING_HEADS = frozenset({"wing", "faction", "branch", "arm", "offshoot"})
GROUP_HEADS = frozenset({"forum", "alliance", "bloc", "group", "coalition", "movement", "party",
                         "council", "committee", "organization", "organisation", "agency", "union",
                         "front", "army", "force", "forces", "militia", "leadership", "authority",
                         "authorities", "commission", "delegation", "side", "network"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "to", "from", "into", "across"})
# Participles that say where a group acts ("rebels operating in Chad").
ARENA_WORDS = frozenset({"operate", "operating", "active", "fight", "fighting", "live", "living",
                         "base", "based"})
# Prepositions of the place where something happens (not where it comes from or goes to).
SCENE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
# Sectors of a state's own institutions: naming one ("the Kenyan parliament", "Chad's
# government", "Peruvian police") says the sentence is about that state's domestic politics.
DOMESTIC_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "OPP", "PTY"})
DOMESTIC_NOUNS = frozenset({"election", "elections", "constitution", "referendum", "polls",
                            "judiciary", "opposition"})
# Government words that face abroad: "Russian diplomats" in a sentence say nothing about
# whose politics it is.
FOREIGN_FACING_WORDS = frozenset({"envoy", "envoys", "ambassador", "ambassadors", "diplomat",
                                  "diplomats", "delegation", "delegations", "emissary",
                                  "negotiators", "mediators", "side", "embassy", "consulate"})
# Sectors of parties a sentence's state can be given to (see ``countries_from_sentence``).
SENTENCE_STATE_SECTORS = frozenset({"CVL", "REB", "OPP", "PTY", "GOV", "MIL", "COP", "JUD", "LEG",
                                    "JRN"})
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _SLUG_RE.sub("-", text.lower()).strip("-")


@dataclass(frozen=True)
class Role:
    start: str
    id: str
    name: str
    sector: Optional[str]
    wikidata: Optional[str]


@dataclass(frozen=True)
class EntityEntry:
    """One party in the dictionary, before it is dated and tied to a span."""

    id: str
    name: str
    country: Optional[str]
    sector: Optional[str]
    kind: str                                   # "state" or "organisation"
    wikidata: Optional[str] = None
    other_sectors: tuple[str, ...] = ()
    state_organ: bool = False
    roles: tuple[Role, ...] = ()

    def as_of(self, day: Optional[str]) -> "EntityEntry":
        """The entry as it stood on ``day`` (ISO date); the undated entry when day is None."""
        if not self.roles or day is None:
            return self
        current = self
        for role in sorted(self.roles, key=lambda r: r.start):
            if day is not None and role.start <= day:
                current = replace(current, id=role.id, name=role.name,
                                  sector=role.sector or current.sector,
                                  wikidata=role.wikidata or current.wikidata,
                                  kind="state" if role.id == current.country else current.kind)
        return current

    def entity(self, text: str, span: tuple[int, int], sector: Optional[str] = None,
               name: Optional[str] = None) -> Entity:
        sector = sector or self.sector
        others = tuple(s for s in self.other_sectors if s != sector)
        return Entity(id=self.id, name=name or self.name, country=self.country, sector=sector,
                      other_sectors=others, wikidata=self.wikidata, text=text, span=span)


@dataclass
class EntityDictionary:
    entries: dict[str, EntityEntry]
    names: dict[str, str]             # surface form -> entry id (names, short forms, metonyms)
    demonyms: dict[str, str]          # "Pakistani" -> "PAK"
    capitals: dict[str, str]          # "Kabul" -> "AFG" (metonyms; also places)
    sector_words: dict[str, str]      # lowercased word or phrase -> sector
    generic_pair: frozenset[str]
    generic_country: frozenset[str]
    offices: OfficeTable              # heads of state and government with dated terms
    state_act_verbs: frozenset[str] = frozenset()   # "the Saudis signed": the state acts

    @classmethod
    def load(cls) -> "EntityDictionary":
        data = load_yaml("entities.yaml")
        entries: dict[str, EntityEntry] = {}
        names: dict[str, str] = {}
        demonyms: dict[str, str] = {}
        capitals: dict[str, str] = {}
        wikidata = data.get("state_wikidata", {})
        display = data.get("state_names", {})
        for iso3, name, alts, demonym, capital in _package_states():
            entries[iso3] = EntityEntry(id=iso3, name=display.get(iso3, name), country=iso3,
                                        sector=None, kind="state", wikidata=wikidata.get(iso3))
            for alias in alts:
                names.setdefault(alias, iso3)
            if demonym:
                demonyms.setdefault(demonym, iso3)
            if capital:
                capitals.setdefault(capital, iso3)
        for iso3, item in data.get("extra_states", {}).items():
            # states the packages do not list (Kosovo has no ISO code of its own)
            entries[iso3] = EntityEntry(id=iso3, name=item["name"], country=iso3, sector=None,
                                        kind="state", wikidata=item.get("wikidata"))
            for alias in item.get("aliases", []):
                names[alias] = iso3
            for form in item.get("demonyms", []):
                demonyms[form] = iso3
        for iso3, aliases in data.get("state_aliases", {}).items():
            for alias in aliases:
                names[alias] = iso3
        for iso3, forms in data.get("demonyms", {}).items():
            for form in forms:
                demonyms[form] = iso3
        for form, iso3 in list(demonyms.items()):
            # "Iraqis", "Albanians", "Pakistanis": people of a country as a plural noun
            if form[-1] in "nie" and " " not in form:
                demonyms.setdefault(form + "s", iso3)
        for item in data.get("organisations", []):
            roles = tuple(Role(start=str(r["from"]), id=r.get("id", item["id"]),
                               name=r.get("name", item["name"]), sector=r.get("sector"),
                               wikidata=r.get("wikidata"))
                          for r in item.get("roles", []))
            entry = EntityEntry(id=item["id"], name=item["name"], country=item.get("country"),
                                sector=item.get("sector"), kind="organisation",
                                wikidata=item.get("wikidata"),
                                other_sectors=tuple(item.get("other_sectors", [])),
                                state_organ=bool(item.get("state_organ")), roles=roles)
            entries[entry.id] = entry
            for alias in item.get("aliases", []):
                names[alias] = entry.id
        sector_words = {}
        for sector, words in data.get("sector_words", {}).items():
            for word in words:
                sector_words[word.lower()] = sector
        return cls(entries=entries, names=names, demonyms=demonyms, capitals=capitals,
                   sector_words=sector_words,
                   generic_pair=frozenset(p.lower() for p in data.get("generic_pair", [])),
                   generic_country=frozenset(p.lower() for p in data.get("generic_country", [])),
                   offices=OfficeTable.load(),
                   state_act_verbs=frozenset(data.get("state_act_verbs", ())))

    def surface_forms(self) -> Iterable[tuple[str, str, str]]:
        """(surface form, entry id, kind) for every name, demonym and capital."""
        for form, eid in self.names.items():
            yield form, eid, "name"
        for form, iso3 in self.demonyms.items():
            yield form, iso3, "demonym"
        for form, iso3 in self.capitals.items():
            if form not in self.names:
                yield form, iso3, "metonym"

    def sector_of(self, tokens: Iterable) -> Optional[str]:
        """Sector named by a noun (or two-word phrase ending in it), e.g. 'foreign ministry'."""
        toks = list(tokens)
        if not toks:
            return None
        last = toks[-1]
        if len(toks) >= 2:
            pair = f"{toks[-2].lower_} {last.lower_}"
            if pair in self.sector_words:
                return self.sector_words[pair]
        return self.sector_words.get(last.lower_) or self.sector_words.get(last.lemma_.lower())


def _package_states() -> Iterable[tuple[str, str, list[str], Optional[str], Optional[str]]]:
    """States from countryinfo (names, spellings, demonym, capital), completed by pycountry."""
    import countryinfo
    import pycountry

    seen = set()
    for country in countryinfo.all_countries():
        info = country.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        seen.add(iso3)
        name = info.get("name") or iso3
        alts = [name] + [s for s in info.get("altSpellings", []) if len(s) > 3 and s.isascii()]
        demonym = info.get("demonym") or None
        capital = info.get("capital") or None
        if isinstance(capital, list):
            capital = capital[0] if capital else None
        if isinstance(demonym, list):
            demonym = demonym[0] if demonym else None
        yield iso3, name, alts, demonym, capital
    for c in pycountry.countries:
        if c.alpha_3 in seen:
            continue
        forms = [c.name] + [getattr(c, a) for a in ("common_name", "official_name") if hasattr(c, a)]
        yield c.alpha_3, getattr(c, "common_name", c.name), forms, None, None


# --------------------------------------------------------------------------------------
# Mentions in a document


@dataclass
class Mention:
    """A stretch of tokens that names a party (or a generic stand-in for parties)."""

    start: int                      # token index
    end: int                        # token index, exclusive
    kind: str                       # name | demonym | metonym | person | org | generic_pair | generic_country | pronoun
    entry: Optional[EntityEntry] = None
    sentence: int = 0
    entities: tuple[Entity, ...] = field(default_factory=tuple)


class MentionFinder:
    """Builds the phrase matchers once per vocabulary and finds mentions in a Doc."""

    def __init__(self, nlp, dictionary: EntityDictionary):
        from spacy.matcher import PhraseMatcher

        self.dictionary = dictionary
        self._names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._kinds: dict[int, tuple[str, str]] = {}
        by_key: dict[tuple[str, str], list] = {}
        for form, eid, kind in dictionary.surface_forms():
            by_key.setdefault((eid, kind), []).append(form)
        for (eid, kind), forms in by_key.items():
            key = f"{kind}:{eid}"
            self._kinds[nlp.vocab.strings.add(key)] = (kind, eid)
            self._names.add(key, [nlp.make_doc(f) for f in sorted(set(forms))])
        self._generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._generic.add("generic_pair", [nlp.make_doc(p) for p in dictionary.generic_pair])
        self._generic.add("generic_country", [nlp.make_doc(p) for p in dictionary.generic_country])

    def find(self, doc) -> list[Mention]:
        from spacy.util import filter_spans

        spans = []
        for match_id, start, end in self._names(doc):
            kind, eid = self._kinds[match_id]
            span = doc[start:end]
            span.label_ = f"{kind}:{eid}"
            spans.append(span)
        for match_id, start, end in self._generic(doc):
            span = doc[start:end]
            span.label_ = doc.vocab.strings[match_id]
            spans.append(span)
        taken = filter_spans(spans)
        covered = {i for s in taken for i in range(s.start, s.end)}
        # Named people and organisations the dictionary does not know.
        for ent in entity_spans(doc):
            if ent.label_ in ("PERSON", "ORG", "NORP") and not covered.intersection(range(ent.start, ent.end)):
                ent = _trim_determiner(ent)
                if ent is None:
                    continue
                label = "person" if ent.label_ == "PERSON" else "org"
                span = doc[ent.start:ent.end]
                span.label_ = label
                taken.append(span)
        mentions = []
        sent_of, _ = sentences(doc)
        for span in sorted(taken, key=lambda s: s.start):
            label = span.label_
            sent = sent_of[span.start]
            if ":" in label:
                kind, eid = label.split(":", 1)
                entry = self.dictionary.entries.get(eid)
                if entry is None:
                    continue
                mentions.append(Mention(span.start, span.end, kind, entry, sent))
            else:
                mentions.append(Mention(span.start, span.end, label, None, sent))
        return mentions


def _trim_determiner(span):
    if len(span) and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    if not len(span) or not any(t.is_alpha for t in span):
        return None
    return span


# --------------------------------------------------------------------------------------
# Resolving argument tokens to entities


class EntityResolver:
    """Turns argument tokens into entities, using the article's mentions and what came before.

    One resolver per article: it remembers people by surname ("Tarar" after
    "Attaullah Tarar") and the parties in play for generic mentions.
    """

    def __init__(self, doc, mentions: list[Mention], dictionary: EntityDictionary,
                 article_date: Optional[str]):
        self.doc = doc
        self.dictionary = dictionary
        self.date = article_date
        self.mentions = mentions
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self.people: dict[str, Entity] = {}
        self._depth = 0                 # guards the owner-of-owner lookups against cycles
        self._titled: set[str] = set()  # ids of titled people given no country
        self._bodies: set[str] = set()  # ids of named bodies the dictionary does not know
        self.home_state: Optional[EntityEntry] = None
        self.places: list = []          # gazetteer places of the article (``know_places``)
        self._place_use: dict[tuple[int, int, str], bool] = {}   # is_place_use, per mention
        self._place_states: dict[int, set[str]] = {}
        self._roots: dict[tuple[int, int], object] = {}   # mention span -> its root token
        self.main_pair = self._main_pair()
        self._states_in_sentence = self._sentence_states()
        self._learn_people()

    # -- article-level context ---------------------------------------------------------

    def _root_of(self, m: Mention):
        """The syntactic root of a mention, found once (the article-level steps ask often)."""
        root = self._roots.get((m.start, m.end))
        if root is None:
            root = self._roots[(m.start, m.end)] = self.doc[m.start:m.end].root
        return root

    def _state_id(self, m: Mention) -> Optional[str]:
        """The id of a party that can be one of "the two sides": a state, or an armed group
        or government named in the dictionary (Hamas, the TTP)."""
        if m.entry is None or m.kind not in ("name", "metonym", "demonym"):
            return None
        root = self._root_of(m)
        if m.kind == "demonym" and any(ch.lower_ == "ethnic" for ch in root.children):
            return None     # "ethnic Albanians" are a people, not Albania's side
        entry = m.entry.as_of(self.date)
        if entry.kind == "state" or entry.id == entry.country:
            return entry.id
        if m.kind == "name" and entry.sector in ("REB", "GOV", "MIL"):
            return entry.id
        return None

    def _main_pair(self) -> tuple[EntityEntry, ...]:
        """The two states most mentioned in the article: what "the two sides" means."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.mentions:
            if m.kind in ("metonym", "name") and self.is_place_use(m):
                continue
            sid = self._state_id(m)
            if sid:
                # "between Israel and Hamas" says who the two sides are
                root = self._root_of(m)
                paired = root.head.lower_ == "between" or (
                    root.dep_ == "conj" and root.head.head.lower_ == "between")
                counts[sid] += 3 if paired else 1
                first.setdefault(sid, m.start)
        ranked = sorted(counts, key=lambda s: (-counts[s], first[s]))
        # the state the article is about, when one stands out: whose office-holders its
        # untitled-by-country officials are ("President X said …" in a story on Sudan)
        self.home_state = None
        if ranked and counts[ranked[0]] >= 2 and (
                len(ranked) == 1 or counts[ranked[0]] >= 2 * counts[ranked[1]]):
            self.home_state = self.dictionary.entries.get(ranked[0])
        ranked = ranked[:2]
        pair = (self.dictionary.entries.get(s) or self._entry_for(s) for s in ranked)
        return tuple(entry.as_of(self.date) for entry in pair if entry is not None)

    def _sentence_states(self) -> dict[int, dict[str, tuple[bool, bool]]]:
        """Per sentence, the states it names other than as places, each with whether one of
        the state's own institutions is named ("Chad's government", "the Kenyan parliament")
        and whether the state is named as the owner of something ("Chadian", "Chad's", "the
        people of Chad") rather than only by its bare name (a party: "threatened Chad")."""
        out: dict[int, dict[str, tuple[bool, bool]]] = {}
        for m in self.mentions:
            if m.entry is None or m.kind not in ("name", "metonym", "demonym"):
                continue
            if m.kind in ("name", "metonym") and self.is_place_use(m):
                continue
            entry = m.entry.as_of(self.date)
            root = self._root_of(m)
            owner = m.kind == "demonym" or root.dep_ in ("amod", "compound", "poss", "nmod") or (
                root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"))
            if entry.kind == "state":
                state, institution = entry.id, self._names_institution(m)
            elif entry.state_organ and entry.country:
                state, institution, owner = entry.country, entry.sector in DOMESTIC_SECTORS, True
            else:
                continue
            states = out.setdefault(m.sentence, {})
            was = states.get(state, (False, False))
            states[state] = (was[0] or institution, was[1] or owner)
        return out

    def know_places(self, places: list) -> None:
        """Takes the article's gazetteer places (found after the resolver is built): they
        give regions their state and tell where a sentence's events happen."""
        self.places = list(places)
        self._place_states = {}
        doc = self.doc
        for place in self.places:
            if place.span is None or not place.country or place.country not in self.dictionary.entries:
                continue
            span = doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
            if span is None:
                continue
            # "in the capital Dili", "at a camp near Gulu": the place is where things happen
            tok, steps = span.root, 0
            while tok.dep_ in ("compound", "poss", "appos", "nmod") and steps < 3:
                tok, steps = tok.head, steps + 1
            if tok.dep_ == "pobj" and tok.head.lower_ in SCENE_PREPS:
                self._place_states.setdefault(self._sentence_at(place.span[0]), set()).add(
                    place.country)

    def _names_institution(self, m: Mention) -> bool:
        """Whether the state mention ``m`` modifies or owns a noun for one of the state's own
        institutions: "Peruvian police", "Chad's parliament", "the government of Mali"."""
        doc = self.doc
        root = self._root_of(m)
        tok, steps = root, 0
        while tok.dep_ in ("compound", "amod", "poss", "nmod", "case") and tok.head is not tok \
                and steps < 4:
            tok = tok.head
            steps += 1
        words = list(doc[m.end:tok.i + 1]) if tok.i >= m.end else []
        if root.dep_ == "pobj" and root.head.lower_ in ("of", "in") and \
                root.head.head.pos_ in ("NOUN", "PROPN"):
            words.append(root.head.head)
        for word in words:
            if word.lower_ in FOREIGN_FACING_WORDS:
                return False
            if word.lower_ in DOMESTIC_NOUNS or \
                    self.dictionary.sector_of(_noun_phrase_tail(word)) in DOMESTIC_SECTORS:
                return True
        return False

    def _sentence_at(self, char: int) -> int:
        _, spans = sentences(self.doc)
        low, high = 0, len(spans) - 1
        while low < high:
            mid = (low + high + 1) // 2
            if spans[mid].start_char <= char:
                low = mid
            else:
                high = mid - 1
        return low

    def countries_from_sentence(self, actors: list[Entity], recipients: list[Entity]
                                ) -> tuple[list[Entity], list[Entity]]:
        """The event's parties, those with no country given the only state their sentence
        names when that tells whose they are (docs/CODEBOOK.md):

        * a titled official ("President X") takes it when the state is named as the owner of
          something ("Chadian voters", "Chad's courts"), not only by its bare name ("visited
          Chad"), and neither the state nor its government or army is another party of the
          event (an official facing a state is seldom its own);
        * a group or body with no country ("rebels", "the Freedom Party", "students") takes
          it when the sentence names one of the state's own institutions (its government,
          parliament, police, courts, opposition or elections): the sentence is about that
          state's domestic politics.
        """
        parties = list(actors) + list(recipients)

        def give(ent: Entity) -> Entity:
            if ent.country is not None or ent.span is None or not (
                    ent.sector in SENTENCE_STATE_SECTORS or ent.id in self._bodies):
                return ent
            states = self._states_in_sentence.get(self._sentence_at(ent.span[0]), {})
            if len(states) != 1:
                return ent
            (state, (institution, owner)), = states.items()
            if ent.id in self._titled:
                # a judge, prosecutor or legislator acting on the state's own officials is
                # domestic politics ("Judge X opened inquiries into Chilean officials")
                facing = ent.sector not in ("JUD", "LEG", "COP") and any(
                    p is not ent and p.id == state and p.sector in ("GOV", "MIL") for p in parties)
                return placed(ent, state) if owner and not facing else ent
            return placed(ent, state) if institution else ent

        def scene(ent: Entity) -> Entity:
            # "inmates fasted in a Nairobi jail", "students marched in Lima": a group with no
            # state of its own is of the one state where its sentence's events happen; so is
            # a people acting abroad ("ethnic Serbs rallied near Croatia's border")
            ethnic = ent.id.endswith("-ethnic")
            if ent.span is None or not (ethnic or (ent.country is None and unnamed(ent) and
                                                   ent.sector in SENTENCE_STATE_SECTORS)):
                return ent
            states = self._place_states.get(self._sentence_at(ent.span[0]), set())
            return placed(ent, next(iter(states))) if len(states) == 1 else ent

        return [scene(give(e)) for e in actors], [scene(give(e)) for e in recipients]

    def _entry_for(self, entity_id: str) -> Optional[EntityEntry]:
        for entry in self.dictionary.entries.values():
            if entry.as_of(self.date).id == entity_id:
                return entry
        return None

    def is_place_use(self, m: Mention) -> bool:
        """'talks in Addis Ababa': a capital after a locative preposition is a place, not
        its government."""
        key = (m.start, m.end, m.kind)
        known = self._place_use.get(key)
        if known is None:
            known = self._place_use[key] = self._is_place_use(m)
        return known

    def _is_place_use(self, m: Mention) -> bool:
        root = self._root_of(m)
        if m.kind == "name" and self._span_of(m.start, m.end)[0] not in self.dictionary.capitals:
            return False        # "talks in Brussels" is a place; "clashes in Sudan" names a party
        if root.dep_ == "compound" and root.head.pos_ == "NOUN":
            # "the Doha talks" (a place) but "the Kabul government" (a party)
            return self.dictionary.sector_of([root.head]) is None
        return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS

    def _learn_people(self) -> None:
        for m in self.mentions:
            if m.kind != "person":
                continue
            span = self.doc[m.start:m.end]
            ent = self._person(span)
            if ent is not None and len(span) >= 2:
                self.people.setdefault(span[-1].text, ent)
                self.people.setdefault(span.text, ent)

    def last_country_before(self, token_i: int) -> Optional[EntityEntry]:
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if m.start < token_i and m.kind in ("name", "metonym") and m.entry is not None:
                entry = m.entry.as_of(self.date)
                if entry.kind == "state":
                    return entry
        return None

    def last_person_before(self, token_i: int) -> Optional[Entity]:
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if m.start < token_i and m.kind == "person":
                span = self.doc[m.start:m.end]
                ent = self.people.get(span.text) or self._person(span)
                if ent is not None:
                    return ent
        return None

    # -- resolution --------------------------------------------------------------------

    def _span_of(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        if end <= start:
            span = self.doc[start:end]
            return span.text, (span.start_char, span.end_char)
        # the text from the article's (a Span rebuilds it token by token)
        last = self.doc[end - 1]
        first_char, end_char = self.doc[start].idx, last.idx + len(last)
        return doc_text(self.doc)[first_char:end_char], (first_char, end_char)

    def _state_acting(self, tok) -> bool:
        """'The Saudis signed a deal', 'the Emiratis and the Saudis agreed': a plural demonym
        with 'the' as the subject of a state act (``state_act_verbs``) stands for the state."""
        if not tok.text.endswith("s") or tok.dep_ in ("amod", "compound", "nmod", "poss"):
            return False
        if not any(ch.dep_ == "det" and ch.lower_ == "the" for ch in tok.children):
            return False
        subject = tok
        while subject.dep_ == "conj" and subject.head is not subject:
            subject = subject.head
        verb = subject.head
        return subject.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX") \
            and verb.lemma_.lower() in self.dictionary.state_act_verbs

    def _from_entry(self, entry: EntityEntry, start: int, end: int,
                    sector: Optional[str] = None, name: Optional[str] = None) -> Entity:
        entry = entry.as_of(self.date)
        text, span = self._span_of(start, end)
        if entry.kind == "state" and sector is None:
            sector = "GOV"
        return entry.entity(text, span, sector=sector, name=name)

    def resolve(self, token, allow_generic: bool = True) -> list[Entity]:
        """Entities a noun phrase headed by ``token`` refers to; coordination expands."""
        heads = [token] + [c for c in token.conjuncts if c.i > token.i]
        out: list[Entity] = []
        for head in heads:
            found = self._resolve_one(head, allow_generic)
            if not found or all(unnamed(e) for e in found):
                # 'brotherly countries Qatar and Turkey': the apposition names them
                named = []
                for ch in head.children:
                    if ch.dep_ == "appos" or (ch.dep_ == "compound" and ch.i > head.i):
                        named += self.resolve(ch, allow_generic)
                if named:
                    found = named       # "media outlet RTA": the name, not the class
            for ent in found:
                if all(e.id != ent.id for e in out):
                    out.append(ent)
        return out

    def resolve_list(self, tokens) -> list[Entity]:
        out: list[Entity] = []
        for tok in tokens:
            out += self.resolve(tok)
        return out

    def _resolve_one(self, tok, allow_generic: bool) -> list[Entity]:
        if _general_adjective(tok):
            return []       # "a general strike", "general elections": no rank, no party
        if tok.pos_ == "VERB" and tok.dep_ in ("nsubj", "nsubjpass"):
            # "the agency working in Chad said": the parser made the participle the subject
            inner = [ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")]
            if inner:
                return self._resolve_one(inner[0], allow_generic)
        m = self.by_token.get(tok.i)
        if m is not None:
            if m.kind == "generic_pair":
                if not allow_generic:
                    return []
                return [self._from_entry(e, m.start, m.end) for e in self.main_pair]
            if m.kind == "generic_country":
                entry = self.last_country_before(m.start)
                return [self._from_entry(entry, m.start, m.end)] if entry else []
            if m.kind == "person":
                ent = self._person(self.doc[m.start:m.end])
                return [ent] if ent else []
            if m.kind in ("metonym", "name") and self.is_place_use(m):
                return []
            if m.kind in ("name", "metonym") and m.entry is not None:
                sector = self._sector_around(tok, m)
                return [self._from_entry(m.entry, m.start, m.end, sector=sector)]
            if m.kind == "demonym" and m.entry is not None:
                if m.entry.kind == "state" and self._state_acting(tok):
                    return [self._from_entry(m.entry, m.start, m.end)]
                if tok.tag_ in ("NNPS", "NNS") or (tok.dep_ not in ("amod", "compound", "nmod")
                                                   and tok.text.endswith("s")):
                    # "Iraqis", "ethnic Albanians": people of the country; "ethnic Albanians in
                    # Serbia" are a group of the country they live in
                    entry = m.entry.as_of(self.date)
                    housed = False
                    for ch in tok.children:
                        sub = self.by_token.get(ch.i)
                        if ch.dep_ in ("amod", "compound") and sub is not None and \
                                sub.kind == "demonym" and sub.entry is not None and sub is not m:
                            entry = sub.entry.as_of(self.date)   # "Bosnian Serbs": of Bosnia
                        if ch.dep_ == "prep" and ch.lower_ in ("in", "of"):
                            objs = [o for o in ch.children if o.dep_ == "pobj"]
                            home = self.by_token.get(objs[0].i) if objs else None
                            if home is not None and home.entry is not None and home.kind == "name":
                                entry = home.entry.as_of(self.date)
                                housed = True
                    text, span = self._span_of(m.start, m.end)
                    ethnic = not housed and any(ch.dep_ == "amod" and ch.lower_ == "ethnic"
                                                for ch in tok.children)
                    # "ethnic Hungarians": a people, of the state where they act when the event
                    # is placed (extract.entities.placed), else of their kin state
                    return [Entity(id=f"{entry.id.lower()}-{'ethnic' if ethnic else 'cvl'}",
                                   name=text, country=entry.country, sector="CVL", text=text,
                                   span=span)]
                # "Pakistani officials": the demonym modifies a sector noun
                sector = self._sector_around(tok, m)
                entry = m.entry.as_of(self.date)
                head = tok.head
                if sector is None and entry.kind == "state" and tok.dep_ in ("amod", "compound") \
                        and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in head.children):
                    # "a Dutch brewer", "an American rival": someone of the country, not its state
                    text, span = self._span_of(m.start, m.end)
                    return [Entity(id=f"{entry.id.lower()}-someone", name=text, country=entry.country,
                                   sector=None, text=text, span=span)]
                if sector is not None and sector not in STATE_ORGAN_SECTORS and entry.kind == "state":
                    # "a German carmaker", "Afghan refugees": of the country, not its state
                    text, span = self._span_of(m.start, m.end)
                    return [Entity(id=f"{entry.id.lower()}-{sector.lower()}", name=text,
                                   country=entry.country, sector=sector, text=text, span=span)]
                return [self._from_entry(m.entry, m.start, m.end, sector=sector)]
            if m.kind == "org" and self.dictionary.sector_of(
                    _noun_phrase_tail(self.doc[m.end - 1])) is not None:
                # "the foreign ministry" tagged as an organisation: an organ, found by its owner
                tok_end = self.doc[m.end - 1]
                sector = self.dictionary.sector_of(_noun_phrase_tail(tok_end))
                found = self._organ(tok_end, sector) or self._unnamed_group(tok_end, sector)
                if found:
                    return found
                return [self._unknown_org(m)]   # a body with a name of its own
            if m.kind == "org" and m.end < len(self.doc) and \
                    self.doc[m.end].lower_ in DIVISION_WORDS:
                # "hit Paktika province" (the name tagged as a group): the province is the
                # state's territory, so the state is the party
                owner = self._place_owner(self.doc[m.start])
                if owner is not None:
                    return [self._from_entry(owner, m.start, m.end + 1)]
            if m.kind == "org":
                known = self.people.get(tok.text)
                if known is not None:
                    return [self._retext(known, m.start, m.end)]
                if m.start > 0 and self.dictionary.sector_of([self.doc[m.start - 1]]) in (
                        "GOV", "MIL", "JUD", "LEG") and self.doc[m.start - 1].is_title:
                    # "Vice-President Moody Awori" tagged as an organisation: a titled person
                    ent = self._person(self.doc[m.start:m.end])
                    return [ent] if ent else []
                return [self._unknown_org(m)]
        if (tok.lower_ in ("it", "they", "we") and tok.dep_ in ("nsubj", "nsubjpass")) or (
                tok.lower_ in ("its", "their", "our") and tok.dep_ == "poss"):
            # "Chile said it would reopen the port", "Serbs said their forces withdrew": the
            # pronoun is the speaker
            clause = tok.head
            while clause.dep_ not in ("ccomp", "xcomp", "advcl") and clause.head is not clause \
                    and clause.pos_ not in ("VERB", "AUX"):
                clause = clause.head
            if tok.dep_ == "poss" and clause.pos_ in ("VERB", "AUX"):
                # "the group insisted on its demands": its own clause's subject
                # ("militants killed two of its soldiers": "its" is no plural noun's)
                own = [ch for ch in clause.children if ch.dep_ in ("nsubj", "nsubjpass")
                       and not (ch.left_edge.i <= tok.i <= ch.right_edge.i)
                       and not (tok.lower_ == "its" and ch.tag_ == "NNS")]
                if own:
                    found = self.resolve(own[0], allow_generic)
                    if found:
                        return found
            if clause.dep_ in ("ccomp", "xcomp", "advcl") and clause.head is not clause:
                for ch in clause.head.children:
                    if ch.dep_ in ("nsubj", "nsubjpass") and ch.i != tok.i:
                        found = self.resolve(ch, allow_generic)
                        if found:
                            return [self._retext(found[0], tok.i, tok.i + 1)] if len(found) == 1 \
                                else found
        if tok.lower_ in PRONOUNS_PERSON:
            person = self.last_person_before(tok.i)
            if person is not None:
                return [self._retext(person, tok.i, tok.i + 1)]
            return []
        known = self.people.get(tok.text)
        if known is not None and (tok.pos_ == "PROPN" or tok.is_title):
            return [self._retext(known, tok.i, tok.i + 1)]
        if m is None and tok.pos_ == "PROPN":
            # a head of state or government the NER did not tag ("Lindqvist said …")
            start = tok.i
            while start > 0 and self.doc[start - 1].pos_ == "PROPN" and \
                    self.doc[start - 1].head.i == tok.i and self.doc[start - 1].dep_ == "compound":
                start -= 1
            name = self.doc[start:tok.i + 1]
            if self.dictionary.offices.lookup(name.text, self.date) is not None:
                ent = self._person(name)
                return [ent] if ent is not None else []
        if tok.lemma_.lower() in WING_HEADS:
            # "the UNITA armed wing", "Hamas's military wing", "the armed wing of the party":
            # a part of a named body acts for it
            for ch in tok.children:
                if ch.dep_ in ("compound", "poss", "nmod") and ch.i < tok.i and \
                        self.by_token.get(ch.i) is not None:
                    found = self._resolve_one(ch, allow_generic)
                    if found:
                        return found
                if ch.dep_ == "prep" and ch.lower_ == "of":
                    objs = [o for o in ch.children if o.dep_ == "pobj"]
                    found = self._resolve_one(objs[0], allow_generic) if objs else []
                    if found:
                        return found
        if tok.lemma_.lower() in QUANTITY_HEADS:
            # "thousands of students", "a group of refugees", "members of the party"
            for ch in tok.children:
                if ch.dep_ == "prep" and ch.lower_ == "of":
                    objs = [o for o in ch.children if o.dep_ == "pobj"]
                    if objs:
                        return self._resolve_one(objs[0], allow_generic)
        sector = self.dictionary.sector_of(_noun_phrase_tail(tok))
        if sector is None and (tok.lemma_.lower() in GROUP_HEADS or tok.tag_ == "NNS"):
            # "opposition groups", "rebel forces", "army bulldozers": the modifier names the
            # sector
            for ch in tok.children:
                if ch.dep_ in ("compound", "amod") and ch.i < tok.i:
                    sector = self.dictionary.sector_of([ch])
                    if sector:
                        break
        if sector is not None:
            found = self._organ(tok, sector) or self._unnamed_group(tok, sector)
            if found or tok.lemma_.lower() not in GROUP_HEADS:
                return found
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in GROUP_HEADS | HELD_BY_HEADS:
            # "the APEC forum", "the dock workers' union": the modifier names the party;
            # "TTP hideouts", "Afghan positions": what is struck belongs to the party
            modifiers = [ch for ch in tok.children
                         if ch.dep_ in ("compound", "nmod", "amod", "poss") and ch.i < tok.i]
            for ch in modifiers:
                m = self.by_token.get(ch.i)
                if m is not None and m.kind in ("name", "org", "demonym"):
                    # "the Green Dawn party", and "Kone's Green Dawn party" too: the named body
                    found = self._resolve_one(ch, allow_generic=False)
                    if m.kind == "org" and sector is not None:
                        # a body of the kind its head word says
                        found = [e if e.sector else replace(e, sector=sector) for e in found]
                    return found
            for ch in modifiers:
                if ch.dep_ == "poss" and self._depth < 3:
                    self._depth += 1
                    try:
                        found = self._resolve_one(ch, allow_generic=False)
                    finally:
                        self._depth -= 1
                    if found:
                        return found
            if tok.lemma_.lower() in GROUP_HEADS and tok.is_title:
                body = self._named_after_state(tok, sector)
                if body is not None:
                    return [body]
        if tok.is_title and tok.lemma_.lower() in STATE_NAMED_BODY_HEADS - GROUP_HEADS:
            # "the Norwegian Farmers' Association", "the Chile Teachers Federation"
            body = self._named_after_state(tok, sector)
            if body is not None:
                return [body]
        if sector is None and tok.pos_ == "NOUN" and tok.lower_ not in WEAPON_WORDS and (
                tok.tag_ == "NNS" or any(d.dep_ == "det" and d.lower_ in ("a", "an")
                                         for d in tok.children)):
            # "a Kenyan businessman", "Egyptian lawyers": someone of the country, of no known
            # standing (a party, but not a political one by itself)
            for ch in tok.children:
                m = self.by_token.get(ch.i)
                if ch.dep_ in ("amod", "compound") and m is not None and m.kind == "demonym":
                    owner = self._owner(ch)
                    if owner is not None and owner.kind == "state":
                        text, span = self._span_of(_np_start(tok), tok.i + 1)
                        return [Entity(id=f"{owner.id.lower()}-someone", name=text,
                                       country=owner.country, text=text, span=span)]
        return []

    def _unnamed_group(self, tok, sector: str) -> list[Entity]:
        """'Police', 'rebels', 'demonstrators' with no state named: kept as a party with its
        sector and no country (PLOVER codes such parties by sector alone). Officials and
        governments with no state named are too vague to be a party and are left out."""
        if sector not in UNNAMED_SECTORS:
            return []
        word = tok.lemma_.lower()
        if word in WEAPON_WORDS or tok.lower_ in WEAPON_WORDS:
            return []       # "fired missiles and drones": weapons are not parties
        patron = self._patron(tok) or (self._home(tok) if sector == "CVL" else None) or \
            self._base(tok)
        if patron is not None:
            text, span = self._span_of(_np_start(tok), tok.i + 1)
            return [Entity(id=f"{patron.lower()}-{sector.lower()}-{slug(word)}", name=text,
                           country=patron, sector=sector, text=text, span=span)]
        text, span = self._span_of(tok.left_edge.i if tok.left_edge.dep_ != "det" else tok.left_edge.i + 1,
                                   tok.i + 1)
        return [Entity(id=f"{sector.lower()}-{slug(word)}", name=text, country=None, sector=sector,
                       text=text, span=span)]

    def _home(self, tok) -> Optional[str]:
        """The country of the place people live in or come from ("residents of Lebanese border
        villages", "villagers from Afghan districts"), when a state's demonym names it."""
        return self._state_in(tok, ("of", "in", "from"), own=False, kinds=("demonym",))

    def _base(self, tok) -> Optional[str]:
        """The country a group is based in ("a newspaper based in Beirut", "militants based in
        Pakistan"), when the place is a state or its capital."""
        for acl in tok.children:
            if acl.dep_ == "acl" and acl.lower_ in ("based", "headquartered", "stationed"):
                found = self._state_in(acl, ("in",), own=True, kinds=("name", "metonym", "demonym"))
                if found:
                    return found
        return None

    def _arena(self, tok) -> Optional[EntityEntry]:
        """The state a group acts in, when a participle after it says so ("guerrillas
        operating in Chad", "militias active inside Mali", "rebels fighting in Sudan")."""
        for acl in tok.children:
            if acl.dep_ not in ("acl", "amod", "relcl") or acl.lemma_.lower() not in ARENA_WORDS:
                continue
            for prep in acl.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "inside", "throughout", "across"):
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    owner = self._owner(obj) or self._place_owner(obj, countries=True)
                    if owner is not None and owner.kind == "state":
                        return owner
        return None

    def _state_in(self, tok, preps: tuple[str, ...], own: bool, kinds: tuple[str, ...]
                  ) -> Optional[str]:
        """The state a place after one of ``preps`` names: through its modifiers, and with
        ``own`` through the place's own name too."""
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                names = ([obj] if own else []) + [c for c in obj.children
                                                  if c.dep_ in ("compound", "amod")]
                for t in names:
                    m = self.by_token.get(t.i)
                    if m is not None and m.entry is not None and m.entry.kind == "state" \
                            and m.kind in kinds:
                        return m.entry.as_of(self.date).country
        return None

    def _patron(self, tok) -> Optional[str]:
        """The country of the leader, party or group a group is loyal to or affiliated with
        ("gunmen loyal to the former governor of Kano", "workers affiliated with the Chilean
        miners' union"); None when the text gives none or names a state itself (fighters
        loyal to a foreign state are not its citizens)."""
        mods = list(tok.children)
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
                tok.head.head.lemma_.lower() in QUANTITY_HEADS:
            mods += list(tok.head.head.children)    # "hundreds of workers affiliated with …"
        for mod in mods:
            if mod.dep_ not in ("amod", "acl") or mod.lemma_.lower() not in ALLEGIANCE_WORDS:
                continue
            for prep in mod.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("to", "with"):
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj" or self._depth >= 3:
                        continue
                    self._depth += 1
                    try:
                        found = self.resolve(obj, allow_generic=False)
                    finally:
                        self._depth -= 1
                    for ent in found:
                        if ent.country and len(ent.country) == 3 and not self.bare_state(ent):
                            return ent.country
        return None

    def bare_state(self, ent: Entity) -> bool:
        """Whether ``ent`` is a state named by its bare name or seat ("Chad", "N'Djamena"),
        not by one of its organs or officials."""
        if ent.id != ent.country or ent.text is None:
            return False
        text = ent.text[4:] if ent.text.startswith("the ") else ent.text
        return ent.id in (self.dictionary.names.get(text), self.dictionary.names.get(ent.text),
                          self.dictionary.capitals.get(text))

    def _retext(self, ent: Entity, start: int, end: int) -> Entity:
        text, span = self._span_of(start, end)
        return replace(ent, text=text, span=span)

    def _sector_around(self, tok, m: Mention) -> Optional[str]:
        """Sector from the noun a name or demonym modifies: 'Pakistan's military' -> MIL."""
        head = tok
        while head.dep_ in ("compound", "amod", "poss", "nmod", "case") and head.head is not head:
            head = head.head
            if head.i >= m.end and head.pos_ in ("NOUN", "PROPN"):
                sector = self.dictionary.sector_of(_noun_phrase_tail(head))
                if sector:
                    return sector
        return None

    def _organ(self, tok, sector: str) -> list[Entity]:
        """'the country's military', 'officials in Pakistan', 'the Taliban delegation';
        'Hungarian and Romanian officials' are officials of both."""
        found_all: list[Entity] = []
        for child in tok.children:
            if child.dep_ == "amod" and child.lower_ in LED_WORDS:
                # "Vietnamese-led forces", "Taliban-controlled media": whoever leads them
                for g in child.children:
                    owner = self._owner(g)
                    if owner is not None:
                        text, span = self._span_of(_np_start(tok), tok.i + 1)
                        return [owner.entity(text, span, sector=sector)
                                if owner.kind == "state" and sector in STATE_ORGAN_SECTORS
                                else owner.entity(text, span)]
            if child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i and child.conjuncts:
                for mod in (child,) + tuple(child.conjuncts):
                    owner = self._owner(mod)
                    if owner is not None and (owner.kind == "state" or owner.id == owner.country):
                        text, span = self._span_of(mod.i, mod.i + 1)
                        found_all.append(owner.entity(text, span, sector=sector)
                                         if sector in STATE_ORGAN_SECTORS else
                                         Entity(id=f"{owner.id.lower()}-{sector.lower()}", name=text,
                                                country=owner.country, sector=sector, text=text,
                                                span=span))
        if len(found_all) > 1:
            return found_all
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ in ("its", "their", "our"):
                # "Ethiopia said its troops …": the speaker's organ
                owners = self._resolve_one(child, allow_generic=False)
                if len(owners) == 1 and owners[0].id == owners[0].country:
                    text, span = self._span_of(_np_start(tok), tok.i + 1)
                    entry = self.dictionary.entries.get(owners[0].id)
                    if entry is not None and sector in STATE_ORGAN_SECTORS:
                        return [entry.as_of(self.date).entity(text, span, sector=sector)]
                elif len(owners) == 1 and owners[0].country and sector in ("MIL", "REB"):
                    # "the separatists said their forces pulled back": the group's own arm
                    text, span = self._span_of(_np_start(tok), tok.i + 1)
                    return [replace(owners[0], text=text, span=span)]
            m = self.by_token.get(child.i)
            if child.dep_ == "poss" and m is not None and m.kind == "generic_pair":
                # "the two countries' troops": the troops of both sides
                text, span = self._span_of(_np_start(tok), tok.i + 1)
                return [e.entity(text, span, sector=sector) for e in self.main_pair
                        if sector in STATE_ORGAN_SECTORS and e.kind == "state"]
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") or (
                    child.dep_ == "prep" and child.lower_ in ("of", "in", "from", "throughout",
                                                              "across")):
                target = child
                if child.dep_ == "prep":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if not objs:
                        continue
                    target = objs[0]
                found = self._owner(target)
                if found is None and (child.dep_ != "prep" or child.lower_ == "of"):
                    # "the government of Sindh province", "the Tigray regional police"
                    found = self._place_owner(target)
                if found is None and child.dep_ in ("compound", "nmod", "poss") and child.i < tok.i:
                    # "Kenya Farmers Association officials": the people of a body named
                    # after its state are that body
                    body = self._named_after_state(target, None)
                    if body is not None:
                        text, span = self._span_of(_np_start(tok), tok.i + 1)
                        return [replace(body, text=text, span=span)]
                if found is None and target.pos_ in ("NOUN", "PROPN") and target.i > tok.i \
                        and self._depth < 3:
                    # "envoys of Peru's interim cabinet": the owner's own owner
                    self._depth += 1
                    try:
                        ents = self._resolve_one(target, allow_generic=False)
                    finally:
                        self._depth -= 1
                    if ents and ents[0].country and ents[0].country in self.dictionary.entries:
                        found = self.dictionary.entries[ents[0].country].as_of(self.date)
                    elif ents and sector == "GOV" and tok.lemma_.lower() in ("leader", "head", "chief"):
                        return ents     # "leaders of the opposition coalition": the coalition
                if found:
                    text, span = self._span_of(_np_start(tok), tok.i + 1)
                    if found.kind == "state" or found.id == found.country:
                        held = self.by_token.get(target.i)
                        if sector == "REB" and held is not None and held.entry is not None and \
                                held.kind == "name" and held.entry.id != found.id:
                            # "Taliban fighters" after 2021: a movement that holds the state
                            # fights as its forces, not as rebels against it
                            sector = "MIL"
                        if sector in STATE_ORGAN_SECTORS:
                            return [found.entity(text, span, sector=sector)]
                        # "Afghan rebels", "Iraqi Kurds": a group of the country, not its state;
                        # "Chadian rebels operating in Sudan": of the state whose politics they
                        # contest, where they act
                        found = self._arena(tok) or found
                        return [Entity(id=f"{found.id.lower()}-{sector.lower()}", name=text,
                                       country=found.country, sector=sector, text=text, span=span)]
                    return [found.entity(text, span, sector=found.sector or sector)]
        return []

    def _owner(self, tok) -> Optional[EntityEntry]:
        m = self.by_token.get(tok.i)
        if m is None:
            return None
        if m.kind == "generic_country":
            return self.last_country_before(m.start)
        if m.entry is not None:
            return m.entry.as_of(self.date)
        return None

    def _named_after_state(self, tok, sector: Optional[str]) -> Optional[Entity]:
        """The body whose capitalised name, headed by ``tok``, begins with or holds a state's
        name or demonym ("the Chilean Miners' Union", "Kenya Municipal Workers Federation"):
        a body of that state, of the kind its head word says."""
        if not tok.is_title:
            return None
        for i in range(tok.left_edge.i, tok.i):
            m = self.by_token.get(i)
            owner = self._owner(self.doc[i]) if m is not None and m.kind in (
                "name", "demonym") else None
            if owner is not None and owner.kind == "state":
                text, span = self._span_of(_np_start(tok), tok.i + 1)
                return Entity(id=f"{owner.id.lower()}-{slug(text)}", name=text,
                              country=owner.country, text=text, span=span,
                              sector=sector or ORG_NAME_SECTORS.get(tok.lower_))
        return None

    def _place_owner(self, tok, countries: bool = False) -> Optional[EntityEntry]:
        """The state a region or town named at ``tok`` lies in ("Sindh province", "the
        Tigray region"), from the gazetteer places found in the article; with ``countries``
        the state a country-level place names, too."""
        for place in self.places:
            if place.span is None or not place.country or (
                    place.precision == "country" and not countries):
                continue
            if place.span[0] <= tok.idx < place.span[1]:
                entry = self.dictionary.entries.get(place.country)
                return entry.as_of(self.date) if entry is not None else None
        return None

    def _person(self, span) -> Optional[Entity]:
        """A named person, with country and sector from title and modifiers when given."""
        name = span.text
        known = self.people.get(name)
        if known is not None:
            return replace(known, text=name, span=(span.start_char, span.end_char))
        root = span.root
        country: Optional[EntityEntry] = None
        sector: Optional[str] = None
        # Look left for "Pakistan's Information Minister" / "US President".
        left = span.start - 1
        title_tokens = []
        while left >= 0 and left >= span.start - 6:
            t = self.doc[left]
            if t.is_punct and t.text not in ("'s", "’s", "-"):
                break
            title_tokens.insert(0, t)
            left -= 1
        of_country = [o for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in c.children if o.dep_ == "pobj"]     # "King Hassan of Morocco"
        # "X, the United Nations relief coordinator": the apposition's words
        appos = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
        for t in title_tokens + appos + of_country:
            s = self.dictionary.sector_of([t])
            if s and sector is None:
                sector = s
            m = self.by_token.get(t.i)
            if m is not None and m.entry is not None and country is None:
                country = m.entry.as_of(self.date)
        if sector is None:
            for t in title_tokens:
                if t.lower_ in ("minister", "president", "spokesman", "secretary"):
                    sector = "GOV"
        span_t = (span.start_char, span.end_char)
        if country is None:
            holding = self.dictionary.offices.lookup(name, self.date)
            if holding is not None and holding.country in self.dictionary.entries:
                # a head of state or government the text names without a country
                if holding.in_office:
                    return Entity(id=holding.country, name=name, country=holding.country,
                                  sector=sector if sector in STATE_ORGAN_SECTORS else "GOV",
                                  text=name, span=span_t)
                return Entity(id=slug(name), name=name, country=holding.country,
                              sector=sector, text=name, span=span_t)
        if country is None and sector in STATE_ORGAN_SECTORS and self.home_state is not None:
            country = self.home_state.as_of(self.date)
        if country is not None and (country.kind == "state") and sector in STATE_ORGAN_SECTORS:
            return Entity(id=country.id, name=name, country=country.country, sector=sector,
                          wikidata=None, text=name, span=span_t)
        if country is None and sector in STATE_ORGAN_SECTORS:
            self._titled.add(slug(name))    # may take its sentence's state (see above)
        return Entity(id=slug(name), name=name,
                      country=country.country if country else None, sector=sector,
                      text=name, span=span_t)

    def _unknown_org(self, m: Mention) -> Entity:
        """An organisation the dictionary does not know, with the country and sector its
        modifiers give ("the rebel Revolutionary United Front")."""
        span = self.doc[m.start:m.end]
        country, sector = None, None
        for t in list(span.root.children) + list(span):
            owner = self._owner(t) if t.i < m.start or t.i >= m.end else None
            if owner is not None:
                country = owner.country
        left = m.start - 1
        while left >= 0 and self.doc[left].dep_ in ("amod", "compound", "det") and left >= m.start - 3:
            sector = sector or self.dictionary.sector_of([self.doc[left]])
            left -= 1
        if sector is None:
            # the kind of body its name says it is: "… Liberation Front", "… Party", "… Watch"
            for t in span:
                sector = ORG_NAME_SECTORS.get(t.lower_)
                if sector:
                    break
        words = [t.lower_ for t in span if t.is_alpha]
        if country is None and words and (words[0] in INTERNATIONAL_WORDS or (
                INTERNATIONAL_WORDS.intersection(words) and words[-1] in BODY_HEADS)):
            # "International Labour Office", "World Health Organization": bodies of states are
            # IGOs; "International Crisis Group", "… Rescue Committee", "the Global Climate
            # Forum": non-governmental
            country = sector = "IGO" if words[-1] in IGO_HEADS else "NGO"
        if country is None and sector == "NGO":
            # "the Society of Rural Nurses": a non-governmental body of no state (PLOVER NGO)
            country = "NGO"
        self._bodies.add(slug(span.text))
        return Entity(id=slug(span.text), name=span.text, country=country, sector=sector,
                      text=span.text, span=(span.start_char, span.end_char))


def placed(entity: Entity, country: str) -> Entity:
    """``entity``, which has no country of its own, as a party of ``country``: a state organ
    takes the state's id ("President X" of Mali is MLI, GOV); other groups get an id of their
    own within the country. An ethnic group ("ethnic Serbs", id ``srb-ethnic``) acting in
    another country is a group of that country."""
    if entity.country is not None:
        if entity.id.endswith("-ethnic") and entity.country != country and len(country) == 3:
            return replace(entity, country=country, id=f"{country.lower()}-{entity.id}")
        return entity
    if entity.sector in STATE_ORGAN_SECTORS and len(country) == 3:
        return replace(entity, id=country, country=country)
    return replace(entity, country=country,
                   id=entity.id if entity.id.startswith(country.lower()) else
                   f"{country.lower()}-{entity.id}")


def unnamed(ent: Entity) -> bool:
    """A party known only by its kind ('police', 'rebels'), not by a name or a state."""
    return ent.country is None and ent.wikidata is None and ent.id.split("-", 1)[0] in (
        "mil", "cop", "reb", "cvl", "opp", "jud", "leg", "jrn")


def _np_start(tok) -> int:
    """First token of a noun phrase without its determiner or quantity."""
    start = tok.left_edge.i
    doc = tok.doc
    while start < tok.i and (doc[start].dep_ in ("det", "nummod", "quantmod", "advmod", "predet")
                             or doc[start].pos_ in ("DET", "NUM", "PUNCT")):
        start += 1
    return start


def _general_adjective(tok) -> bool:
    """'general' in 'a general strike', 'general elections': an adjective, not the rank."""
    return tok.lower_ == "general" and (tok.pos_ == "ADJ" or (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lemma_.lower() in (
            "strike", "election", "assembly", "amnesty", "mobilization", "mobilisation")))


def _noun_phrase_tail(tok) -> list:
    """The token and the one before it, for two-word sector phrases ('foreign ministry')."""
    doc = tok.doc
    return [doc[tok.i - 1], tok] if tok.i > 0 else [tok]

