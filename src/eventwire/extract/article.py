"""From event mentions to an article's events: dates, places, counts, and coreference.

Several sentences of one article often report one event ("peace talks ... ended in
Istanbul", "the talks in Istanbul had reached a deadlock", "the latest round of talks was
underway in Turkey"). Mentions of the same type whose parties, places, dates and modality
agree are merged; the merged event keeps every sentence as evidence. Dates come from the
event's own expression, else from related events and the story's reference time, else the
publication date (``basis: article``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Optional

from ..model import Count, Counts, Entity, Place, When
from ..nlp.sentences import sentence_of, sentences
from ..nlp.tokens import token_table
from .events import Candidate, EventFinder
from .syntax import SUBJECT_DEPS, relative_noun
from .time import counted_offset

log = logging.getLogger(__name__)

BEGIN_VERBS = frozenset({"begin", "start", "open", "resume", "launch"})
STATE_VERBS = frozenset({"remain", "stay", "keep", "be"})
# Modifiers that tell one occurrence of an event from another of the same kind.
DISTINCTIVE = frozenset({"first", "second", "third", "fourth", "fifth", "initial", "latest", "last",
                         "final", "previous", "earlier", "next", "new", "immediate", "temporary",
                         "permanent", "unilateral", "partial", "comprehensive", "humanitarian",
                         "indefinite", "brief", "lasting", "further"})
# Verbs of ending that make a duration end at the reference time ("ended after four days").
ENDING_VERBS = frozenset({"end", "fail", "conclude", "finish", "collapse", "close", "wrap"})
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5,
                  "unknown": 6}
OUTCOME_RANK = {"failed": 3, "concluded": 3, "deadlocked": 2, "ongoing": 1, None: 0}
# Moves made across the table: undated ones take the time of the talks they belong to.
NEGOTIATION_TYPES = frozenset({"REQUEST", "REJECT"})
# Events that last over days, whose mentions may give different days of one occurrence.
DURATIVE_TYPES = frozenset({"CONSULT", "ASSAULT", "PROTEST", "COERCE"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "along", "on", "into",
                         "over", "from", "within"})


@dataclass
class Dated:
    """A resolved interval and how we know it."""

    start: Optional[date]
    end: Optional[date]
    precision: str
    basis: str
    text: Optional[str] = None
    span: Optional[tuple[int, int]] = None
    start_qualifier: Optional[str] = None

    def when(self) -> When:
        return When(start=self.start.isoformat() if self.start else None,
                    end=self.end.isoformat() if self.end else None,
                    precision=self.precision, basis=self.basis, text=self.text, span=self.span,
                    start_qualifier=self.start_qualifier)


@dataclass
class Cluster:
    """Mentions of one event within an article."""

    members: list[Candidate]
    date: Optional[Dated] = None
    location: Optional[Place] = None
    counts: dict = field(default_factory=dict)
    own_dated: bool = False

    @property
    def first(self) -> Candidate:
        return self.members[0]


class ArticleAssembler:
    """Attaches times, places and counts to candidates and merges them into events."""

    def __init__(self, doc, article_date: Optional[date], times, places, counts, resolver,
                 report_verbs=frozenset({"say", "tell", "announce", "report"}),
                 nonpolitical_cues=frozenset()):
        self.report_verbs = report_verbs
        self.nonpolitical_cues = nonpolitical_cues
        self.doc = doc
        self.article_date = article_date
        self.times = times
        self.places = places
        self.counts = counts
        self.resolver = resolver
        self._time_by_token = self._index(times)
        self._place_by_token = self._index(places)
        # the same indexes by sentence: each candidate looks only at its own sentence's
        self._sent_of = sentences(doc)[0]
        self._times_in_sentence = self._by_sentence(self._time_by_token)
        self._places_in_sentence = self._by_sentence(self._place_by_token)
        self._border_words = {"border", "frontier"} & set(token_table(doc).lemma)
        self._sents = sentences(doc)[1]
        # each time expression with its sentence, found once: the story's reference time is
        # asked for many times per article
        self._time_sentences = [(tm, self._sentence_of_char(tm.span[0])) for tm in times]
        self._descriptor_memo: dict[int, frozenset] = {}     # trigger head -> its descriptors
        # a toll told by a party of its own ("strikes that officials said killed 14"):
        # the count's span -> that party
        self.count_claimants: dict[tuple[int, int], Entity] = {}
        self._words_memo: dict[int, frozenset] = {}          # sentence -> its words and lemmas

    def _by_sentence(self, by_token: dict[int, object]) -> dict[int, list[tuple[int, object]]]:
        out: dict[int, list[tuple[int, object]]] = {}
        for i, item in by_token.items():
            out.setdefault(self._sent_of[i], []).append((i, item))
        return out

    def _index(self, items) -> dict[int, object]:
        out = {}
        for item in items:
            span = self.doc.char_span(item.span[0], item.span[1], alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                out[t.i] = item
        return out

    # -- per-candidate attachments -----------------------------------------------------

    def own_time(self, c: Candidate):
        """Time expressions attached to the trigger, or to the verb whose argument it is."""
        hosts = {c.head.i} | set(c.tokens)
        if c.head.pos_ in ("VERB", "AUX", "ADJ"):
            hosts.add(c.clause_verb.i)
        elif c.governor is not None:
            hosts.add(c.governor.i)
        elif c.head.dep_ in ("nsubj", "nsubjpass", "dobj") and c.head.head.pos_ in ("VERB", "AUX"):
            hosts.add(c.head.head.i)
        if c.head.dep_ == "advcl" and c.head.tag_ == "VBG":
            # "said early Wednesday, accusing X": the participle shares its clause's time
            hosts.add(c.head.head.i)
        for i in c.tokens:
            tok = self.doc[i]
            if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
                hosts.add(tok.head.i)       # "the third round of talks ended on Friday"
        # "the talks in Doha, which began on Saturday": when the event itself began
        for ch in c.head.children:
            if ch.dep_ in ("relcl", "acl") and ch.lemma_.lower() in BEGIN_VERBS | ENDING_VERBS | {"hold"}:
                hosts.add(ch.i)
        found = []
        in_sentence = self._times_in_sentence.get(self._sent_of[c.head.i], ())
        counted_from = _counted_from([tm for _, tm in in_sentence])
        for i, tm in in_sentence:
            tok = self.doc[i]
            anchor = _attachment(tok, self._time_by_token)
            # "came two days after explosions … on Thursday": Thursday dates the explosions;
            # the event is two days after it
            tm = counted_from.get(id(tm), tm)
            if anchor is not None and anchor.i in hosts and tm not in found:
                found.append(tm)
            elif tm.text.lower().startswith("since") and tm not in found and tm.start and (
                    c.head.pos_ == "ADJ" or c.clause_verb.lemma_.lower() in STATE_VERBS):
                # "remain closed, as they have been since October 12"
                found.append(tm)
        return found

    def report_time(self, c: Candidate):
        """The time of the saying that reports the event ('officials told AP on Tuesday that …')."""
        report_verbs = self.report_verbs
        tok = c.clause_verb
        for _ in range(5):
            if tok.head is tok or tok.dep_ not in ("ccomp", "parataxis"):
                break
            tok = tok.head
            if tok.lemma_.lower() not in report_verbs:
                continue
            for i, tm in self._times_in_sentence.get(self._sent_of[tok.i], ()):
                anchor = _attachment(self.doc[i], self._time_by_token)
                if anchor is not None and anchor.i == tok.i and tm.kind == "point" and tm.end:
                    return tm
        return None

    def reference_time(self, sentence: int, before_char: Optional[int] = None):
        """The story's reference time: the latest day-precise point expression before the
        event in its sentence or the ones before it (a narrative moves on from it)."""
        best = None
        for tm, s in self._time_sentences:
            if s is None or s > sentence:
                continue
            if before_char is not None and s == sentence and tm.span[0] >= before_char:
                continue
            if tm.kind == "point" and tm.start and tm.precision == "day" and not (
                    self.article_date and tm.start > self.article_date):
                best = tm           # a day still to come is not where the story stands
        return best

    def _sentence_of_char(self, char: int) -> Optional[int]:
        for i, s in enumerate(self._sents):
            if s.start_char <= char < s.end_char:
                return i
        return None

    def place_of(self, c: Candidate) -> Optional[Place]:
        """The place the trigger is attached to ('in Istanbul', 'near the border'), else None.

        A place modifying a party ('the government in Kabul', 'officials in Pakistan') says
        where the party is, not where the event happened, and a country used as a modifier
        ('Afghanistan-Pakistan talks') names parties."""
        verb = c.clause_verb
        hosts = {c.head.i, verb.i} | set(c.tokens)
        for ch in verb.children:
            if ch.dep_ == "prep" and ch.lower_ in ("without", "despite", "with"):
                # "ended without success in Istanbul": a place one step down the clause
                hosts.update(o.i for o in ch.children if o.dep_ == "pobj")
        if c.head.pos_ in ("VERB", "AUX"):
            hosts.update(ch.i for ch in c.head.children if ch.dep_ in ("dobj", "obj"))
        best = None
        acted_on = None         # "hit Paktika province (in Afghanistan)": the place struck
        objects = {ch.i for ch in c.head.children if ch.dep_ in ("dobj", "obj")} \
            if c.head.pos_ in ("VERB", "AUX") else set()
        for i, place in self._places_in_sentence.get(self._sent_of[c.head.i], ()):
            tok = self.doc[i]
            if (tok.i in objects or tok.dep_ == "compound" and tok.head.i in objects) and \
                    place.precision != "country":
                acted_on = place
            if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
                prep = tok.head
                host = prep.head
                if host.i not in hosts or self._modifies_party(prep):
                    continue
                if best is None or abs(tok.i - c.head.i) < abs(best[0] - c.head.i):
                    best = (tok.i, place)
            elif tok.dep_ == "compound" and tok.head.i == c.head.i and place.precision != "country" \
                    and tok.i not in self.resolver.by_token:
                best = (tok.i, place)
        if acted_on is not None and (best is None or best[1].precision == "country"):
            return acted_on
        if best is not None:
            return best[1]
        return self._border_place(c)

    def _modifies_party(self, prep) -> bool:
        """'the Taliban government in Kabul': the preposition follows a party's name or noun."""
        if prep.i == 0:
            return False
        left = self.doc[prep.i - 1]
        if left.i in self.resolver.by_token:
            return True
        return self.resolver.dictionary.sector_of([left]) is not None and left.pos_ == "NOUN"

    def _border_place(self, c: Candidate) -> Optional[Place]:
        """'border clashes', 'clashes on the border', 'border crossings between the two
        countries': the border between the event's two states."""
        if not self._border_words:
            return None
        # (the parties first: two states are rarer than a border word near the trigger)
        states = sorted({e.country for e in c.actors + c.recipients
                         if e.country and e.country == e.id})
        if len(states) != 2:
            return None
        near = [c.head] + list(c.head.children) + list(c.head.head.children) + [c.head.head]
        near += [g for t in list(near) if t.dep_ in ("nsubj", "nsubjpass", "dobj") for g in t.children]
        if not any(t.lemma_.lower() in ("border", "frontier") for t in near):
            return None
        tok = next(t for t in near if t.lemma_.lower() in ("border", "frontier"))
        a, b = (self.resolver.dictionary.entries[s].name for s in states)
        return Place(name=f"{a}–{b} border", country=None, precision="border", text=tok.text,
                     span=(tok.idx, tok.idx + len(tok)))

    def counts_of(self, c: Candidate) -> dict:
        out = {}
        if c.event_type not in ("ASSAULT", "PROTEST", "COERCE", "SANCTION"):
            return out
        for cm in self.counts:
            if self._sent_of[cm.head_i] != self._sent_of[c.head.i]:
                continue
            h = self.doc[cm.head_i]
            subject_of = c.head.dep_ in ("nsubj", "nsubjpass")
            np = {t.i for t in c.head.subtree} if c.head.pos_ in ("NOUN", "PROPN") else set()
            if (h.i == c.head.i or h.head.i == c.head.i or h.i in c.tokens
                    # "clashes left dozens dead", "the strike killed 12"
                    or (subject_of and (c.head.head.i == h.i or c.head.head.i == h.head.i))
                    # "clashes between the two sides that killed dozens" (clause on a noun of
                    # the NP), "carried out strikes that (officials said) killed 14"
                    or _on_noun_of(relative_noun(h), np, c.tokens)):
                out.setdefault(cm.kind, cm)
                self._count_claimant(cm, h)
        return out

    def _count_claimant(self, cm, h) -> None:
        """The one party a count's own clause of saying names ("that officials said killed 14")."""
        if h.dep_ != "ccomp" or h.head.lemma_.lower() not in self.report_verbs:
            return
        sayers = self.resolver.resolve_list([ch for ch in h.head.children
                                             if ch.dep_ in SUBJECT_DEPS])
        if len(sayers) == 1:
            self.count_claimants[tuple(cm.span)] = sayers[0]

    # -- dates -------------------------------------------------------------------------

    def date_of(self, c: Candidate) -> tuple[Optional[Dated], bool]:
        """(date, is_own): the event's own expression, or a bound from its report."""
        own = self.own_time(c)
        points = [t for t in own if t.kind == "point" and t.start]
        durations = [t for t in own if t.kind == "duration" and t.days]
        report = self.report_time(c)
        if not points and not durations and c.clause_verb.tag_ in ("VBZ", "VBP") \
                and c.clause_verb.dep_ in ("ROOT", "advcl", "conj") and self.article_date:
            if c.sentence == 0:
                # a headline's present tense tells of the recent past: on or before publication
                return Dated(None, self.article_date, "day", "article"), False
            # present tense in the main clause: it is so on the day of publication
            return self._article_dated(), True
        ending = c.head.lemma_.lower() in ENDING_VERBS or \
            c.clause_verb.lemma_.lower() in ENDING_VERBS or c.event_type == "CONSULT"
        if points:
            tm = min(points, key=lambda t: PRECISION_RANK.get(t.precision, 9))
            if durations and tm.precision == "day" and not durations[0].qualifier and \
                    "hour" not in durations[0].text.lower() and (
                        c.head.lemma_.lower() in ENDING_VERBS or
                        c.clause_verb.lemma_.lower() in ENDING_VERBS):
                # "ended on Monday after four days of talks": the four days end that Monday
                start = tm.start - timedelta(days=durations[0].days)
                return Dated(start, tm.end, "day", "text", tm.text, tm.span), True
            return Dated(tm.start, tm.end, tm.precision, "text", tm.text, tm.span), True
        if durations:
            tm = durations[0]
            ref = report.start if report is not None else self.article_date
            if ref is None:
                return None, False
            days = tm.days
            qualifier = None
            if tm.qualifier in ("more than", "over", "at least"):
                days += 1 if tm.qualifier in ("more than", "over") else 0
                qualifier = "on or before"
            start = ref - timedelta(days=days)
            if ending or qualifier:
                return Dated(start, ref, "day", "text", tm.text, tm.span, qualifier), True
        if report is not None:
            # reported on a day: the event happened on or before it
            return Dated(None, report.end, "day", "context", report.text, report.span), False
        if _is_past(c):
            # told in the past tense: no later than the story's reference time
            ref = self.reference_time(c.sentence, c.trigger_span[0])
            if ref is not None:
                return Dated(None, ref.start, "day", "context", ref.text, ref.span), False
        return None, False

    # -- assembly ----------------------------------------------------------------------

    def assemble(self, cands: list[Candidate]) -> list[Cluster]:
        live = [c for c in cands if not c.suppressed]
        info = {}
        for c in live:
            if not (c.actors or c.recipients) and c.entry.reciprocal:
                self._reciprocal_fallback(c)
            dated, own = self.date_of(c)
            if own and dated is not None and dated.start is not None and self.article_date \
                    and dated.start > self.article_date and c.factuality == "asserted":
                # told for a day after publication: planned, not done ("meet again on Nov 6")
                c.factuality = "future"
                EventFinder.apply_future(c)
            info[id(c)] = (dated, own, self.place_of(c), self.counts_of(c))
            if dated is not None:
                c.told_on = dated.end or dated.start
            else:
                reference = self.reference_time(c.sentence, c.trigger_span[0])
                if reference is not None:
                    c.told_on = reference.end
        for c in live:
            if not c.actors and c.cause is not None and c.cause.actors:
                c.actors = list(c.cause.actors)
        live = [c for c in live if (any(_political(e) for e in c.actors + c.recipients)
                or (c.event_type == "PROTEST" and c.actors)) and not _generic_mention(c)
                and not self._nonpolitical(c)]
        clusters: list[Cluster] = []
        self._effects = {}
        for c in live:
            if c.cause is not None:
                self._effects.setdefault(id(c.cause), []).append(c)
        self._cluster_of = {}
        def rank(c: Candidate) -> tuple[int, int]:
            # the best-anchored mentions found clusters; causes that float come last, once
            # the events they caused are merged
            _, own, place, _ = info[id(c)]
            tier = 0 if (own and place) else 1 if place else 2 if own else \
                4 if id(c) in self._effects else 3
            return tier, c.head.i

        order = sorted(live, key=rank)
        for c in order:
            dated, own, place, counts = info[id(c)]
            target = self._best_cluster(c, dated, own, place, clusters)
            if target is None:
                target = Cluster([c], dated if own else None, place, dict(counts), own)
                if not own and dated is not None:
                    target.date = dated
                clusters.append(target)
            else:
                self._merge(target, c, dated, own, place, counts)
            self._cluster_of[id(c)] = target
        for cl in clusters:
            cl.members.sort(key=lambda m: m.head.i)
        self._inherit_locations(clusters)
        self._contextual_dates(clusters)
        return sorted(clusters, key=lambda cl: cl.first.head.i)

    def _nonpolitical(self, c: Candidate) -> bool:
        """Sport, business, weather, disaster or crime news dressed in political words:
        'Spain beat Italy in the semi-final', 'police arrested two men suspected of robbery'."""
        words = self._sentence_words(c.head)
        cued = bool(words & self.nonpolitical_cues)
        parties = c.actors + c.recipients
        if cued and all(self._bare_state(e) or not _political(e) for e in parties):
            return True
        if any(a.sector in NONPOLITICAL_SECTORS for a in c.actors) and all(
                self._bare_state(e) or not _political(e) for e in parties):
            return True     # a company against "an American rival": business news
        if c.event_type == "COERCE" and c.mode in ("arrest", "deport", "seize"):
            # an arrest is political when the arrested are: protesters, opposition, officials
            targets = [e for e in c.recipients if _political(e) and e not in c.actors]
            protest_scene = bool(words & PROTEST_SCENE)
            if not targets and not protest_scene and (cued or not c.recipients):
                return True
        if c.event_type == "CONSULT" and c.mode not in ("visit", "phone", "multilateral") and \
                len({e.id for e in parties}) == 1 and not c.mediators and not _has_partner(c):
            # (an IGO meeting by itself is multilateral: its members meet)
            return True     # "the cabinet met": a body meeting by itself is not an interaction
        return False

    def _sentence_words(self, tok) -> frozenset:
        """The words and lemmas of the sentence of ``tok``, gathered once per sentence."""
        n = self._sent_of[tok.i]
        words = self._words_memo.get(n)
        if words is None:
            sent = self._sents[n]
            table = token_table(self.doc)
            words = self._words_memo[n] = frozenset(table.lower[sent.start:sent.end]).union(
                table.lemma[sent.start:sent.end])
        return words

    def _bare_state(self, e: Entity) -> bool:
        """A state named only by its name, demonym or capital, no organ or official."""
        d = self.resolver.dictionary
        return e.id == e.country and e.text is not None and (
            e.text in d.names or e.text in d.demonyms or e.text in d.capitals)

    def _reciprocal_fallback(self, c: Candidate) -> None:
        pair = self.resolver.main_pair
        if len(pair) == 2 and not _unknown_subject(c):
            c.actors = [self.resolver._from_entry(e, c.head.i, c.head.i + 1) for e in pair]
            c.actors = [replace(a, text=None, span=None) for a in c.actors]
            c.reciprocal_fallback = True
            c.confidence -= 0.15

    def _compatible(self, cl: Cluster, c: Candidate, dated, own, place) -> bool:
        first = cl.first
        if first.event_type != c.event_type or first.factuality != c.factuality:
            return False
        if c.mode and any(m.mode and m.mode != c.mode and (
                c.event_type in DISTINCT_MODE_TYPES or {m.mode, c.mode} & DISTINCT_ASSAULTS)
                for m in cl.members):
            return False        # "dispersed the crowd and arrested 12": two acts, not one
        ids = lambda ents: {e.id for e in ents}
        cl_actors = set().union(*(ids(m.actors) for m in cl.members if not m.reciprocal_fallback)) \
            or set().union(*(ids(m.actors) for m in cl.members))
        cl_recips = set().union(*(ids(m.recipients) for m in cl.members))
        a, r = ids(c.actors), ids(c.recipients)
        if not c.reciprocal_fallback and a and cl_actors and a != cl_actors:
            if not (first.entry.reciprocal and (a <= cl_actors or cl_actors <= a)
                    and not r and not cl_recips):
                return False
        if r and cl_recips and not (r & cl_recips):
            return False
        if bool(r) != bool(cl_recips) and first.entry.reciprocal:
            return False
        if place is not None and cl.location is not None and not _same_place(place, cl.location):
            return False
        mine = self._descriptors(c)
        if mine and any((theirs := self._descriptors(m)) and not (theirs & mine)
                        for m in cl.members):
            return False        # "the immediate ceasefire" is not "the 48-hour truce"
        if dated is not None and cl.date is not None:
            slack = timedelta(days=1) if first.event_type in DURATIVE_TYPES else timedelta()
            if own and cl.own_dated and not _overlaps(dated, cl.date, slack):
                return False
            # an upper bound from the report: a point event cannot come after it (talks or
            # fighting told of on Tuesday may still go on until Thursday)
            durative = first.event_type in DURATIVE_TYPES
            if not own and not durative and dated.end and cl.own_dated and cl.date.start \
                    and dated.end < cl.date.start:
                return False
            if own and not durative and not cl.own_dated and cl.date.end and dated.start \
                    and cl.date.end < dated.start:
                return False
        for rel, other in c.relations:
            if other in cl.members:
                return False
        for m in cl.members:
            for rel, other in m.relations:
                if other is c:
                    return False
        return True

    def _descriptors(self, c: Candidate) -> frozenset:
        """``_descriptors(c)``, worked out once per trigger head: the clustering asks for
        each mention's many times."""
        words = self._descriptor_memo.get(c.head.i)
        if words is None:
            words = self._descriptor_memo[c.head.i] = _descriptors(c)
        return words

    def _best_cluster(self, c: Candidate, dated, own, place, clusters: list[Cluster]) -> Optional[Cluster]:
        fits = [cl for cl in clusters if self._compatible(cl, c, dated, own, place)]
        dated = dated if own else None
        if not fits:
            return None
        if len(fits) == 1:
            return fits[0]
        linked = [cl for cl in fits if self._linked(cl, c)]
        if linked:
            return linked[0]
        if dated is not None:
            overlapping = [cl for cl in fits if cl.date is not None and cl.own_dated and _overlaps(dated, cl.date)]
            if overlapping:
                return overlapping[0]
        return min(fits, key=lambda cl: min(m.head.i for m in cl.members))

    def _linked(self, cl: Cluster, c: Candidate) -> bool:
        """Two mentions are linked when one caused the other's effect ('the round that produced
        a ceasefire' and 'the initial round, which produced a ceasefire')."""
        if c.cause is not None and c.cause in cl.members:
            return True
        mine = {id(self._cluster_of[id(e)]) for e in self._effects.get(id(c), []) if id(e) in self._cluster_of}
        if not mine:
            return False
        for m in cl.members:
            for e in self._effects.get(id(m), []):
                if id(e) in self._cluster_of and id(self._cluster_of[id(e)]) in mine:
                    return True
        return False

    def _merge(self, cl: Cluster, c: Candidate, dated, own, place, counts) -> None:
        cl.members.append(c)
        if own and dated is not None:
            if cl.date is None or not cl.own_dated:
                cl.date, cl.own_dated = dated, True
            else:
                cl.date = _narrow(cl.date, dated)
        elif cl.date is None and dated is not None:
            cl.date = dated
        if place is not None and (cl.location is None or _finer(place, cl.location)):
            cl.location = place
        for kind, cm in counts.items():
            cl.counts.setdefault(kind, cm)

    def _inherit_locations(self, clusters: list[Cluster]) -> None:
        """A ceasefire produced by talks was agreed where the talks were held."""
        for cl in clusters:
            if cl.location is not None:
                continue
            for m in cl.members:
                if m.cause is not None:
                    for other in clusters:
                        if m.cause in other.members and other.location is not None:
                            cl.location = other.location
                            break

    def _contextual_dates(self, clusters: list[Cluster]) -> None:
        by_member = {id(m): cl for cl in clusters for m in cl.members}
        # 1. order relations: "clashes ... until Qatar mediated a ceasefire [on October 19]"
        for _ in range(2):
            for cl in clusters:
                for m in cl.members:
                    for rel, other in m.relations:
                        ocl = by_member.get(id(other))
                        if ocl is None or ocl.date is None or ocl.date.start is None:
                            continue
                        if rel in ("before", "ends_before"):
                            bound = ocl.date.start - (timedelta(days=1) if ocl.date.precision == "day" else timedelta())
                            self._bound_end(cl, bound, ocl)
                        elif rel == "after":
                            self._bound_start(cl, ocl.date.end or ocl.date.start)
                    if m.cause is not None:
                        # the talks that produced a ceasefire ended when it was agreed
                        ocl = by_member.get(id(m.cause))
                        if ocl is not None and cl.own_dated and cl.date is not None and cl.date.start \
                                and not ocl.own_dated and (ocl.date is None or ocl.date.end is None
                                                           or ocl.date.end > cl.date.start):
                            ocl.date = Dated(cl.date.start, cl.date.start, cl.date.precision, "context")
        # 2. talks in play: demands and refusals during the talks
        consults = [cl for cl in clusters if cl.first.event_type == "CONSULT" and cl.own_dated
                    and cl.date is not None and cl.date.start is not None
                    and cl.first.factuality == "asserted"]
        for cl in clusters:
            if cl.own_dated or cl.first.event_type not in NEGOTIATION_TYPES:
                continue
            m = cl.first
            if m.clause_verb.tag_ in ("VBZ", "VBP"):
                continue
            talks = self._talks_in_play(m, consults)
            if talks is None:
                continue
            end = talks.date.end
            ref = cl.date.end if cl.date is not None and cl.date.end else None
            if ref is None:
                rt = self.reference_time(m.sentence)
                ref = rt.start if rt is not None else None
            if ref is not None and end is not None:
                end = min(end, ref)
            if end is not None and end >= talks.date.start:
                cl.date = Dated(talks.date.start, end, "day", "context")
        # 3. the rest: reference time of the story, else the publication date
        for cl in clusters:
            d = cl.date
            if d is not None and d.start is not None:
                continue
            m = cl.first
            if d is not None and d.end is not None:
                cl.date = Dated(d.end, d.end, d.precision, "context", d.text, d.span)
                continue
            if m.clause_verb.tag_ in ("VBZ", "VBP") or m.factuality == "future":
                cl.date = self._article_dated()
                continue
            rt = self.reference_time(m.sentence, m.trigger_span[0])
            if rt is not None and rt.start is not None:
                cl.date = Dated(rt.start, rt.end, rt.precision, "context", rt.text, rt.span)
            else:
                cl.date = self._article_dated()

    def _talks_in_play(self, m: Candidate, consults: list[Cluster]) -> Optional[Cluster]:
        """Talks mentioned in this sentence or the two before it."""
        best = None
        for cl in consults:
            for other in cl.members:
                if m.sentence - 2 <= other.sentence <= m.sentence:
                    if best is None or other.sentence > best[0]:
                        best = (other.sentence, cl)
        if best is None:
            # a sentence about a delegation follows talks mentioned just before
            for cl in consults:
                for other in cl.members:
                    if m.sentence - 3 <= other.sentence <= m.sentence:
                        best = (other.sentence, cl)
        return best[1] if best else None

    def _article_dated(self) -> Dated:
        if self.article_date is None:
            return Dated(None, None, "unknown", "unresolved")
        return Dated(self.article_date, self.article_date, "day", "article")

    def _bound_end(self, cl: Cluster, bound: date, other: Cluster) -> None:
        d = cl.date
        if d is None or d.start is None:
            start = bound.replace(day=1)
            cl.date = Dated(start, bound, "month", "context")
            return
        end = min(d.end or bound, bound)
        if end >= d.start:
            cl.date = replace(d, end=end)

    def _bound_start(self, cl: Cluster, bound: Optional[date]) -> None:
        if bound is None or cl.date is None or cl.date.start is None:
            return
        if cl.date.start < bound <= (cl.date.end or bound):
            cl.date = replace(cl.date, start=bound)


# Words that put an arrest or a seizure in a scene of protest: "dispersed the demonstrators,
# arresting 12".
PROTEST_SCENE = frozenset({"demonstrators", "protesters", "demonstration", "protest", "protests",
                           "rally", "activists", "dissidents", "opposition", "strikers"})
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "IGO", "NGO"})
PROTESTING_CIVILIANS = frozenset({"cvl-protester", "cvl-demonstrator", "cvl-striker",
                                  "cvl-activist", "cvl-dissident"})
NONPOLITICAL_SECTORS = frozenset({"BUS"})
# Types whose modes are different acts (an arrest is not a curfew); ASSAULT modes are weapons,
# several of which one attack may use.
DISTINCT_MODE_TYPES = frozenset({"COERCE", "SANCTION", "PROTEST", "RETREAT"})
# ASSAULT modes that are acts of their own rather than weapons ("kidnapped four and set off bombs").
DISTINCT_ASSAULTS = frozenset({"abduct", "torture", "sexual"})


def _political(e: Entity) -> bool:
    """A party that makes an event political: a state or other coded actor, a state organ or
    armed group, or people protesting. Police and bystanders alone make crime news, and
    unknown companies or people alone make business or court news: those are not coded."""
    if e.sector in NONPOLITICAL_SECTORS:
        return False
    if e.country is not None and e.sector is None and e.id != e.country:
        return False        # "a Dutch brewer": someone of a country, of no known standing
    return e.country is not None or e.sector in POLITICAL_SECTORS or e.id in PROTESTING_CIVILIANS


def _has_partner(c: Candidate) -> bool:
    """'held a meeting with President X': a partner is named besides the party we found, even
    if we cannot place them ('engaging with the Taliban government' with no subject found has
    only the one party)."""
    doc = c.head.doc
    # every word of the trigger: "held a first meeting with X" hangs "with" from "meeting"
    words = [c.head] + [doc[i] for i in c.tokens if i != c.head.i] + (
        [c.governor] if c.governor is not None else [])
    spans = [e.span for e in c.actors + c.recipients if e.span is not None]
    for w in words:
        for ch in w.children:
            if ch.dep_ != "prep" or ch.lower_ not in ("with", "between"):
                continue
            for o in ch.children:
                if o.dep_ != "pobj":
                    continue
                start, end = o.left_edge.idx, o.right_edge.idx + len(o.right_edge)
                if not any(s < end and start < e for s, e in spans):
                    return True
    return False


def _generic_mention(c: Candidate) -> bool:
    """'a rise in militant attacks in recent years': a bare plural noun whose only parties
    are kinds of people speaks of a class of events, not of one event."""
    head = c.head
    if head.pos_ != "NOUN" or head.tag_ != "NNS" or c.governor is not None:
        return False        # "staged demonstrations" is one event, "a rise in attacks" a class
    if any(ch.dep_ in ("det", "poss", "nummod") for ch in head.children):
        return False
    return all(e.country is None for e in c.actors + c.recipients)


def _is_past(c: Candidate) -> bool:
    """Past tense of the clause: 'attacked', 'had reached', 'was not willing'."""
    verb = c.clause_verb
    toks = [verb, c.head]
    if verb.pos_ == "ADJ":
        toks.append(verb.head)
    for tok in toks:
        if tok.tag_ in ("VBD", "VBN"):
            return True
        if any(ch.dep_ in ("aux", "auxpass", "cop") and ch.tag_ == "VBD" for ch in tok.children):
            return True
    return False


def _counted_from(times) -> dict:
    """For "two days after <something> on Thursday": the offset resolved from the day that
    follows it (``time.counted_offset``), keyed by id of that day and of the offset, so that
    either, attached to an event, dates it by the offset."""
    out = {}
    for offset in times:
        for point in times:
            counted = counted_offset(offset, point)
            if counted is not None:
                out[id(point)] = out[id(offset)] = counted
                break
    return out


def _attachment(tok, time_index):
    """The token outside a time expression that it attaches to ('on Sunday' -> 'pledged')."""
    cur = tok
    for _ in range(6):
        if cur.head is cur:
            return cur
        parent = cur.head
        if parent.i in time_index and time_index[parent.i] is time_index.get(tok.i):
            cur = parent
            continue
        if parent.dep_ == "prep" or parent.pos_ == "ADP":
            cur = parent
            continue
        stranded = _stranded_preposition(tok, time_index)
        if stranded is not None and parent.pos_ in ("PROPN", "NOUN", "PRON"):
            # "In 2009 Peru accused …" parsed with the year on "Peru" and "In" on the verb:
            # the time is the preposition's, so it dates what the preposition modifies
            return stranded.head
        return parent
    return None


def _stranded_preposition(tok, time_index):
    """The preposition just before the time expression of ``tok`` when the parser left it
    without an object (its object hung on the next noun instead), else None."""
    tm = time_index.get(tok.i)
    first = tok.i
    while first > 0 and tm is not None and time_index.get(first - 1) is tm:
        first -= 1
    if first == 0:
        return None
    prep = tok.doc[first - 1]
    if prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX") \
            or any(ch.dep_ in ("pobj", "pcomp") for ch in prep.children):
        return None
    return prep


def _clause_tokens(verb) -> set[int]:
    """Token indices of a clause, not descending into embedded clauses."""
    out = {verb.i}
    stack = list(verb.children)
    while stack:
        t = stack.pop()
        if t.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "csubj") and t.pos_ in ("VERB", "AUX"):
            continue
        out.add(t.i)
        stack.extend(t.children)
    return out


def _same_place(a: Place, b: Place) -> bool:
    if a.name == b.name:
        return True
    if a.precision == "country" and b.country == a.country:
        return True
    if b.precision == "country" and a.country == b.country:
        return True
    return False


def _finer(a: Place, b: Place) -> bool:
    order = {"city": 0, "border": 1, "admin": 2, "country": 3, "unknown": 4}
    return order.get(a.precision, 5) < order.get(b.precision, 5)


def _overlaps(a: Dated, b: Dated, slack: timedelta = timedelta()) -> bool:
    if a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start <= b_end + slack and b.start <= a_end + slack


def _descriptors(c: Candidate) -> frozenset:
    """Words that single out one occurrence ('second round', '48-hour truce'); 'that truce'
    takes the words of the last mention of a truce before it."""
    out = _modifier_words(c.head)
    if not out and any(ch.dep_ == "det" and ch.lower_ in ("that", "this", "the") for ch in c.head.children):
        doc = c.head.doc
        lemmas = token_table(doc).lemma
        lemma = lemmas[c.head.i]
        start = max(0, sentence_of(c.head).start - 60)
        for i in range(c.head.i - 1, start, -1):
            if lemmas[i] == lemma:
                return _modifier_words(doc[i])
    return out


def _modifier_words(head) -> frozenset:
    out = set()
    for ch in head.children:
        if ch.dep_ in ("amod", "compound", "nummod", "npadvmod"):
            word = ch.lower_
            if word in DISTINCTIVE:
                out.add(word)
            elif any(t.lower_ in ("hour", "day", "week", "month") for t in ch.subtree):
                out.add(" ".join(t.lower_ for t in ch.subtree))
    return frozenset(out)


def _narrow(a: Dated, b: Dated) -> Dated:
    """One event's two own dates: day dates of a durative event span both ("began on
    Saturday", "concluded on Sunday"); otherwise the more precise wins."""
    if a.precision == b.precision == "day" and a.start and b.start:
        start = min(a.start, b.start)
        end = max(a.end or a.start, b.end or b.start)
        return replace(a, start=start, end=end)
    if PRECISION_RANK.get(b.precision, 9) < PRECISION_RANK.get(a.precision, 9):
        return b
    return a


def _on_noun_of(noun, np, tokens) -> bool:
    return noun is not None and (noun.i in np or noun.i in tokens)


def to_counts(found: dict, claims, claimants: Optional[dict] = None) -> Counts:
    """CountMentions attached to an event become its Counts; a toll given by one party
    carries that party in ``claimed_by``: the party its own clause of saying names
    (``claimants``, by the count's span), else the event's one asserting party."""
    claimed_by: Optional[Entity] = None
    parties = [cl.by for cl in claims if cl.stance == "asserts" and cl.by is not None]
    if len(parties) == 1:
        claimed_by = replace(parties[0], text=None, span=None)
    values = {}
    for kind, cm in found.items():
        own = (claimants or {}).get(tuple(cm.span))
        values[kind] = Count(low=cm.low, best=cm.best, high=cm.high, text=cm.text, span=tuple(cm.span),
                             claimed_by=replace(own, text=None, span=None) if own else claimed_by)
    return Counts(**values)


def _unknown_subject(c: Candidate) -> bool:
    """A verb trigger whose subject is a noun phrase we could not resolve ("Kenia has agreed",
    "the junta agreed"): the text names a party, just not one we know, so the article's main
    pair must not stand in for it. Pronouns ("they agreed") may still refer to the pair."""
    if c.head.pos_ not in ("VERB", "AUX"):
        return False
    trigger = set(c.tokens)
    return any(ch.dep_ in SUBJECT_DEPS and ch.pos_ in ("NOUN", "PROPN") and ch.i not in trigger
               for ch in c.head.children)
