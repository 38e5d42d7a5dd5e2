"""Event mentions in one document: triggers from the lexicon, arguments from the parse.

A ``Candidate`` is one trigger with its parties, modality and attachments, before the
article-level step (``extract/article.py``) merges mentions of the same event and fills
dates from context. Argument rules follow PLOVER: reciprocal events (meetings, clashes,
mutual agreements) put every party in ``actors``; directed events put their target in
``recipients``; hosts and mediators of talks go in ``mediators``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from ..model import Claim, Entity
from ..nlp.sentences import doc_text, sentence_of, sentences
from ..nlp.tokens import token_table
from .entities import EntityResolver
from .lexicon import Lexicon, TriggerEntry
from .syntax import (
    SUBJECT_DEPS, PASSIVE_SUBJECT_DEPS, OBJECT_DEPS, EFFORT_HEADS, absolute_clause, antecedent,
    between_parties, called_off, complement_parties, controller, dative_parties, governing_verb,
    has_date_modifier, involvement, involving_predicate, is_negated, is_subject_text,
    measure_head, modifier_parties, object_matches, object_parties, owners_of, predicate_verb,
    quantity_objects, reported_relative, unique_parties, verb_forms,
)

log = logging.getLogger(__name__)

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "xcomp", "acl", "parataxis", "conj", "pcomp", "csubj"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should"})
# Verbs of phase between a plan and the act planned ("plans to resume talks").
ASPECT_VERBS = frozenset({"resume", "continue", "start", "begin", "restart", "renew", "step", "keep"})
FUTURE_XCOMP_HEADS = frozenset({"plan", "intend", "expect", "schedule", "set", "due", "prepare"})
RELATION_PREPS = {"after": "before", "following": "before", "before": "after", "until": "ends_before",
                  "since": "after"}
MEDIATION_WORDS = frozenset({"mediation", "mediator", "facilitation"})
# Verbs whose subject looks at an event rather than acting in it: "Islamabad weighs that
# bombing", "the panel investigated the killings", "the report describes the raids".
OBSERVING_VERBS = frozenset({"weigh", "discuss", "consider", "investigate", "probe", "examine",
                             "study", "review", "report", "describe", "document", "witness",
                             "recall", "remember", "mention", "cite", "see", "watch", "mourn",
                             "commemorate", "analyse", "analyze", "assess", "debate", "compare",
                             "cover", "film", "photograph", "record", "recount"})
MEDIATION_VERBS = frozenset({"mediate", "facilitate", "host", "broker", "sponsor"})
_CUE_LEMMAS = MEDIATION_WORDS | MEDIATION_VERBS
ANSWER_VERBS = frozenset({"accept", "reject", "refuse", "meet", "heed", "ignore", "fulfil", "fulfill",
                          "comply", "consider", "grant", "deny"})
# Dependencies along which the words a trigger governs name its mode (see _cued_mode).
MODE_CUE_DEPS = frozenset({"dobj", "prep", "pobj", "xcomp", "ccomp", "attr", "dative",
                           "compound", "amod", "nsubjpass", "acl"})

# What a conflictual act becomes when it is only announced or conditional (THREATEN modes).
THREAT_MODES = {
    "ASSAULT": {None: "violence"},
    "COERCE": {None: "restrict", "arrest": "arrest", "deport": "expel", "restrict": "restrict",
               "curfew": "restrict", "martial-law": "restrict", "seize": "territory"},
    "SANCTION": {None: "relations", "expel": "expel", "discontinue": "relations",
                 "withdraw": "relations"},
    "MOBILIZE": {None: "violence"},
    "PROTEST": {None: "restrict"},
}
# Types whose complement is what they are about, not an event of its own:
# "urged Iran to release the prisoners", "refused to withdraw", "threatened to strike".
FRAMING_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "CONCEDE"})
CONFLICT_TYPES = frozenset({"REJECT", "ASSAULT", "COERCE", "SANCTION", "THREATEN", "PROTEST",
                            "MOBILIZE", "ACCUSE"})
# What a denial's object may be when it denies an event told before it ("denied it",
# "denied the accusation", "which Y denied").
_DENIED_WORDS = frozenset({"it", "this", "that", "which", "claim", "accusation", "allegation",
                           "charge", "report", "account", "assertion", "statement"})
# Types whose object is only proposed, refused or conceded, not asserted to have happened:
# "rejected a request to interrogate", "demanded the withdrawal of forces".
OBJECT_FRAMING_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "CONCEDE"})
# A request, offer, threat or accusation that is refused or accepted was itself made: it stays.
SPEECH_ACTS = frozenset({"REQUEST", "AGREE", "THREATEN", "ACCUSE"})
# Verbs whose "for ..." gives the reason for the act, not an event of its own.
REASON_FOR = frozenset({"blame", "accuse", "criticize", "criticise", "thank", "praise", "condemn",
                        "arrest", "detain", "jail", "imprison", "convict", "sentence", "punish",
                        "prosecute", "charge", "try", "fine", "expel", "deport", "execute"})
CONTENT_OF = frozenset({"accuse", "blame", "allege", "deny", "charge", "warn", "threaten", "demand",
                        "urge", "call"})


@dataclass
class Candidate:
    """One event mention: a trigger in a sentence, with what the sentence says about it."""

    entry: TriggerEntry
    tokens: list[int]                     # trigger token indices
    head: object                          # spaCy Token the arguments hang from
    sentence: int
    event_type: str
    mode: Optional[str]
    actors: list[Entity] = field(default_factory=list)
    recipients: list[Entity] = field(default_factory=list)
    mediators: list[Entity] = field(default_factory=list)
    factuality: str = "asserted"
    outcome: Optional[str] = None
    claims: list[Claim] = field(default_factory=list)
    confidence: float = 0.7
    reciprocal_fallback: bool = False     # parties taken from the article's main pair
    cause: Optional["Candidate"] = None   # the event that led to this one ("talks led to a ceasefire")
    relations: list[tuple[str, "Candidate"]] = field(default_factory=list)  # ("before", other)
    trigger_span: tuple[int, int] = (0, 0)
    governor: Optional[object] = None      # the verb that makes a nominal trigger an event
    suppressed: bool = False
    converted: bool = False                # negation changed the type ("did not accept")
    told_on: Optional[object] = None        # the day this mention's report speaks of (a date)
    protest_as_complaint: bool = False

    @cached_property
    def clause_verb(self):
        """The verb whose clause the trigger belongs to (the trigger itself for verbs);
        found once, since the head and governor are set when the candidate is made."""
        tok = self.governor if self.governor is not None else self.head
        steps = 0
        while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and steps < 8:
            if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "ccomp", "xcomp"):
                break
            tok = tok.head
            steps += 1
        return tok


class EventFinder:
    """Finds event candidates in a parsed Doc with the lexicon and an entity resolver."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._saying_verbs = lexicon.report_verbs | lexicon.deny_verbs

    def find(self, doc, resolver: EntityResolver) -> list[Candidate]:
        sent_of, _ = sentences(doc)
        # the few words the per-event checks look for, found in one pass over the document
        self._cues: dict[int, list] = {}
        table = token_table(doc)
        if "according" in table.lower or not _CUE_LEMMAS.isdisjoint(table.lemma):
            for i, (lower, low) in enumerate(zip(table.lower, table.lemma)):
                if lower == "according" or low in _CUE_LEMMAS:
                    self._cues.setdefault(sent_of[i], []).append(doc[i])
        cands: list[Candidate] = []
        by_token: dict[int, Candidate] = {}
        for group, entries in self.lexicon.match(doc):
            cand = None
            for entry in entries:
                cand = self._candidate(doc, group, entry, sent_of)
                if cand is not None:
                    break
            if cand is None:
                continue
            cands.append(cand)
            for i in group:
                by_token[i] = cand
            if cand.governor is not None:
                by_token.setdefault(cand.governor.i, cand)
        types_in_sentence: dict[int, set[str]] = {}
        for c in cands:
            types_in_sentence.setdefault(c.sentence, set()).add(c.event_type)
        kept = []
        for c in cands:
            need = c.entry.needs_in_sentence
            if need and need not in (types_in_sentence.get(c.sentence, set()) - {c.event_type} | (
                    {c.event_type} if sum(1 for o in cands if o.sentence == c.sentence and o.event_type == need) > 1 else set())):
                continue
            kept.append(c)
        cands = kept
        for c in cands:
            self._arguments(c, resolver, by_token)
            self._modality(c)
            self._claims(c, resolver)
            self._outcome(c)
            self._relations(c, by_token)
            self._suppress_content(c, by_token)
        for c in cands:
            # "agreed to a ceasefire": the ceasefire is the event; its governing verb is part
            # of its trigger, not a second, vaguer event
            if c.governor is not None:
                verb_cand = by_token.get(c.governor.i)
                if verb_cand is not None and _yields_to(verb_cand, c):
                    verb_cand.suppressed = True
        for c in self._obligations(doc, resolver, sent_of, by_token):
            cands.append(c)
        for c in cands:
            self._mediation(c, resolver, by_token)
            _multilateral(c)
            _keep_talks_called_off(c, by_token)
        for c in cands:
            self._denial_target(c, cands)
        for c in cands:
            self._denial_as_claim(c, cands)
        return cands

    def _obligations(self, doc, resolver, sent_of, by_token) -> list[Candidate]:
        """'X said Y must hand over the suspects': a demand by X on Y (REQUEST), with the
        demanded act as its content rather than an event of its own."""
        out = []
        text = doc_text(doc).lower()
        if "must" not in text and "should" not in text:
            return out
        for i, lower in enumerate(token_table(doc).lower):
            if lower not in OBLIGATION_MODALS:
                continue
            tok = doc[i]
            if tok.dep_ != "aux":
                continue
            verb = tok.head
            if _reported(verb, self.lexicon.report_verbs | {"demand", "insist", "reiterate",
                                                            "conclude", "declare", "stress"}):
                sayer = verb.head
            elif verb.dep_ in ("acl", "ccomp") and verb.head.lemma_.lower() in SAYING_NOUNS \
                    and verb.head.head.pos_ == "VERB":
                sayer = verb.head.head      # "sent Chile a note that it must pay the debt"
            else:
                continue
            actors = resolver.resolve_list([ch for ch in sayer.children if ch.dep_ in SUBJECT_DEPS])
            recipients = resolver.resolve_list([ch for ch in verb.children if ch.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS])
            if not actors:
                continue
            if verb.head.lemma_.lower() in SAYING_NOUNS:
                # "a note to Poland that it must …": the addressee is the one obliged
                addressees = [o for p in list(verb.head.children) + list(sayer.children)
                              if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                              for o in p.children if o.dep_ == "pobj"]
                recipients = resolver.resolve_list(addressees) or recipients
            start, end = tok.idx, verb.idx + len(verb)
            c = Candidate(entry=OBLIGATION_ENTRY, tokens=[tok.i, verb.i], head=verb,
                          sentence=sent_of[verb.i], event_type="REQUEST", mode=None,
                          actors=unique_parties(actors),
                          recipients=[r for r in unique_parties(recipients) if all(r.id != a.id for a in actors)],
                          trigger_span=(start, end))
            self._claims(c, resolver)
            # the demanded act, also behind a copula or an infinitive: "must be ready to
            # mediate", "must be prepared to accept monitors"
            words = [verb] + [ch for ch in verb.children if ch.dep_ in ("acomp", "attr", "xcomp")]
            words += [g for w in words[1:] for g in w.children if g.dep_ == "xcomp"]
            for word in words:
                inner = by_token.get(word.i)
                if inner is not None:
                    inner.suppressed = True
            out.append(c)
        return out

    @staticmethod
    def _denial_target(c: Candidate, cands: list[Candidate]) -> None:
        """'X accuses Y of …, while Y denies …': a denial answers the accuser."""
        if c.event_type != "REJECT" or c.recipients or c.head.lemma_.lower() not in ("deny", "denial", "reject", "dismiss"):
            return
        mine = {a.id for a in c.actors}
        for other in cands:
            if other.event_type == "ACCUSE" and c.sentence - 1 <= other.sentence <= c.sentence \
                    and mine & {r.id for r in other.recipients}:
                c.recipients = [a for a in other.actors if a.id not in mine]
                return

    def _denial_as_claim(self, c: Candidate, cands: list[Candidate]) -> None:
        """'X said Y shelled …, but Y denied it', 'X accused Y of …. Y denied the accusation':
        the event denied carries the denier's side as a claim that denies it; the REJECT
        itself stays an event. The denied event is an earlier one of this sentence or the
        one before whose actor is the denier (and which another party asserts or accuses
        the denier of), or the accusation naming the denier."""
        head = c.head
        if c.event_type != "REJECT" or not c.actors or c.factuality == "negated" \
                or head.lemma_.lower() not in self.lexicon.deny_verbs:
            return
        objects = [ch for ch in head.children if ch.dep_ in ("dobj", "nsubjpass", "ccomp")]
        if objects and not any(o.lower_ in _DENIED_WORDS or o.lemma_.lower() in _DENIED_WORDS
                               for o in objects):
            return      # "Togo denied entry to the envoy": a refusal of something else
        deniers = {a.id for a in c.actors}
        accusations = [o for o in cands if o.event_type == "ACCUSE" and o is not c
                       and c.sentence - 1 <= o.sentence <= c.sentence and o.head.i < head.i
                       and deniers & {r.id for r in o.recipients}
                       and not deniers & {a.id for a in o.actors}]
        for other in cands:
            if other is c or other.event_type == "REJECT" or other.head.i > head.i \
                    or not c.sentence - 1 <= other.sentence <= c.sentence:
                continue
            if other in accusations:
                denied = True
            elif deniers & {a.id for a in other.actors}:
                asserted = any(cl.stance == "asserts" and cl.by is not None and cl.by.id not in deniers
                               for cl in other.claims)
                accused_of = any(a.head.i < other.head.i <= a.head.right_edge.i for a in accusations)
                denied = asserted or accused_of
            else:
                denied = False
            if denied and not any(cl.stance == "denies" and cl.by is not None and cl.by.id in deniers
                                  for cl in other.claims):
                other.claims.extend(Claim(by=a, stance="denies", cue=head.text,
                                          span=(head.idx, head.idx + len(head))) for a in c.actors)

    # -- detection ---------------------------------------------------------------------

    def _candidate(self, doc, group: list[int], entry: TriggerEntry, sent_of) -> Optional[Candidate]:
        if entry.head_last:
            head = doc[group[-1]]
        else:
            # the phrase's root: the one word whose head lies outside it ("began a hunger
            # strike" hangs from "strike", "expressed gratitude" from "expressed")
            roots = [doc[i] for i in group if doc[i].head.i not in group or doc[i].head.i == i]
            head = roots[0] if roots else doc[group[0]]
        governor = None
        if entry.governors:
            governor = governing_verb(head)
            if governor is None or not (verb_forms(governor) & set(entry.governors)):
                # a dated nominal ("a ceasefire on October 19") reports an event by itself
                if not has_date_modifier(head):
                    return None
        lemma = head.lemma_.lower()
        if entry.needs_object and not object_matches(head, entry.needs_object):
            return None
        if entry.not_object and object_matches(head, entry.not_object):
            return None
        if entry.needs_particle and not any(
                ch.dep_ in ("prt", "prep", "advmod") and ch.lower_ in entry.needs_particle
                for ch in head.children):
            return None
        if entry.applies("needs_complement", lemma) and not any(
                ch.dep_ in ("xcomp", "ccomp") or (ch.dep_ == "advcl" and any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in ch.children))
                for ch in head.children):
            return None
        if entry.applies("needs_object_any", lemma) and not any(
                ch.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"dative"} for ch in head.children):
            return None
        negated = is_negated(head) or (governor is not None and is_negated(governor)) or (
            head.dep_ in ("acomp", "xcomp") and is_negated(head.head))   # "was not willing"
        event_type = entry.type
        converted = False
        if negated and entry.negated:
            # "was not willing to accept": a refusal, asserted
            event_type = entry.negated
            negated, converted = False, True
        tokens = sorted(set(group) | ({governor.i} if governor is not None else set()))
        start, end = doc[tokens[0]].idx, doc[tokens[-1]].idx + len(doc[tokens[-1]])
        if converted:
            # "not willing to accept": the refusal spans the negation and the complement
            neg = [c for c in head.children if c.dep_ == "neg"]
            if not neg and head.dep_ in ("acomp", "xcomp"):
                neg = [c for c in head.head.children if c.dep_ == "neg"]
            comp = [c for c in head.children if c.dep_ == "xcomp"]
            toks = [head] + neg + comp
            start = min(t.idx for t in toks)
            end = max(t.idx + len(t) for t in toks)
        cand = Candidate(entry=entry, tokens=tokens, head=head, sentence=sent_of[head.i],
                         event_type=event_type, mode=entry.mode if not converted else None,
                         confidence=entry.confidence, governor=governor,
                         trigger_span=(start, end), converted=converted)
        if negated:
            cand.factuality = "negated"
        return cand

    # -- arguments ---------------------------------------------------------------------

    def _arguments(self, c: Candidate, resolver: EntityResolver, by_token) -> None:
        head = c.head
        # (``by_token`` maps to ``c`` too: each look-up below passes over it as absent)
        self._by_token = by_token
        actors: list[Entity] = []
        recipients: list[Entity] = []
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            actors, recipients = self._verb_arguments(c, resolver)
            noun = reported_relative(head, self._saying_verbs)
            if noun is not None:
                # "strikes that officials said killed 14": the toll of the strikes, not an
                # attack by the officials; "gunmen who police said fired": the gunmen act
                if by_token.get(noun.i, c) is not c:
                    c.suppressed = True
                actors = resolver.resolve(noun)
        else:
            actors, recipients = self._noun_arguments(c, resolver, by_token)
        if not actors and head.pos_ in ("ADP", "ADJ") and head.dep_ in ("prep", "acomp") and \
                c.event_type in SPEECH_ACTS | {"REJECT"} and _reported(head.head, self.lexicon.report_verbs):
            # "X said that lifting the ban was out of the question": a judgement with no
            # subject of its own is the speaker's
            actors = resolver.resolve_list(
                [ch for ch in head.head.head.children if ch.dep_ in SUBJECT_DEPS])
        if c.entry.reciprocal:
            # "X met with Y", "clashes between X and Y", "X and Y agreed": all are actors
            merged = unique_parties(actors + recipients)
            actors, recipients = merged, []
        if c.entry.protest_word:
            self._protest_or_complaint(c, actors)
        if not recipients and c.event_type in ("AGREE", "REQUEST", "THREATEN", "ACCUSE") and \
                head.pos_ in ("VERB", "AUX", "ADJ"):
            # "pledged to help the two neighbours", "demanded that the US cancel the sale",
            # "complained that Kabul was harbouring militants"
            recipients = [r for r in complement_parties(head, resolver, c.event_type == "ACCUSE")
                          if all(r.id != a.id for a in actors)]
        if not recipients and c.event_type == "REQUEST":
            # "called for sanctions against X", "appealed for an embargo on X": X is the target
            recipients = [r for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "for"
                          for obj in prep.children if obj.dep_ == "pobj"
                          for sub in obj.children if sub.dep_ == "prep" and sub.lower_ in ("against", "on")
                          for r in resolver.resolve_list([o for o in sub.children if o.dep_ == "pobj"])]
        lemma = head.lemma_.lower()
        if (c.entry.swap_roles or c.entry.mediator_subject) and \
                _described_talks(head, by_token) is not None or \
                c.entry.swap_roles and _hosted_talks(head, c, by_token):
            # "the round, hosted by Turkey", "held talks, hosted by Turkey", "X hosted the
            # talks": the talks are the event and X their host (see _mediation), not a visit
            c.suppressed = True
        if c.entry.swap_roles:
            actors, recipients = recipients, actors       # "X hosted Y": Y visits X
        if c.entry.mediator_subject:
            # "Qatar mediated between the two sides": the subject mediates, the others meet;
            # "the talks were mediated by X" only adds a mediator to the talks (see _mediation)
            if any(ch.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS and by_token.get(ch.i, c) is not c
                   for ch in head.children):
                c.suppressed = True
            c.mediators += [a for a in actors if a.span is not None and is_subject_text(head, a)]
            if not c.mediators:
                # "X and Y are mediating" (the subject hung on the auxiliary or copula)
                c.mediators += resolver.resolve_list(
                    [s for aux in head.children if aux.dep_ == "aux"
                     for s in aux.children if s.dep_ in SUBJECT_DEPS])
            actors = [a for a in actors if a not in c.mediators] + recipients
            # "mediated between X and Y": those who meet
            actors += [a for a in between_parties(head, resolver, depth=0)
                       if all(a.id != m.id for m in c.mediators)]
            recipients = []
        if c.entry.applies("needs_object_entity", lemma) and not (recipients or (
                c.entry.reciprocal and len(unique_parties(actors)) > 1)):
            c.suppressed = True
        if c.entry.applies("needs_own_actor", lemma) and not actors:
            c.suppressed = True
        if c.entry.actor_sectors:
            sectors = set(c.entry.actor_sectors)
            checked = actors if not c.entry.swap_roles else recipients
            if not any(a.sector in sectors for a in checked):
                c.suppressed = True
        c.actors = unique_parties(actors)
        c.recipients = [r for r in unique_parties(recipients) if all(r.id != a.id for a in c.actors)]
        if c.event_type == "ASSAULT" and c.mode is None:
            c.mode = self._assault_mode(c)
            if c.mode is not None and c.mode not in self.lexicon.mode_scores.get("ASSAULT", {}):
                # "hackers attacked the ministry's networks": a mode of another type (cyber)
                # names that type
                c.event_type = next(t for t, modes in self.lexicon.mode_scores.items() if c.mode in modes)
        elif c.event_type in self.lexicon.mode_cues:
            c.mode = self._cued_mode(c) or c.mode

    @staticmethod
    def _protest_or_complaint(c: Candidate, actors: list[Entity]) -> None:
        """A state that 'protests' lodges a diplomatic complaint (ACCUSE disapprove); people
        who protest take to the streets (PROTEST demo). Whoever 'protested that X was failing'
        or 'protested to the embassy' spoke a complaint, whoever they are."""
        head = c.head
        spoken = head.pos_ == "VERB" and head.lemma_.lower() == "protest" and any(
            ch.dep_ == "ccomp" or (ch.dep_ == "prep" and ch.lower_ == "to") for ch in head.children)
        if spoken or any(a.id == a.country and a.sector in ("GOV", None) for a in actors):
            c.event_type, c.mode, c.protest_as_complaint = "ACCUSE", "disapprove", True

    def _verb_arguments(self, c: Candidate, resolver) -> tuple[list[Entity], list[Entity]]:
        head = c.head
        actors: list[Entity] = []
        recipients: list[Entity] = []
        passive = any(ch.dep_ in ("auxpass", "nsubjpass") for ch in head.children)
        if passive and head.lemma_.lower() in STATIVE_PASSIVES and not any(
                ch.dep_ == "agent" for ch in head.children):
            passive = False     # "Israel is opposed to …", "Vietnam is committed to …"
        for ch in head.children:
            if ch.dep_ in SUBJECT_DEPS:
                attack = self._by_token.get(ch.i, c)
                # "US drone attacks have killed …": the attack's parties did it (the noun is
                # no party itself), so the verb and the attack are one event
                found = list(attack.actors) if attack is not c and attack.actors else \
                    resolver.resolve(ch)
                actors += found
            elif ch.dep_ in PASSIVE_SUBJECT_DEPS and not passive:
                actors += resolver.resolve(ch)
            elif ch.dep_ in PASSIVE_SUBJECT_DEPS:
                recipients += resolver.resolve(ch) or between_parties(ch, resolver)
            elif ch.dep_ == "agent":
                for obj in ch.children:
                    if obj.dep_ == "pobj":
                        actors += resolver.resolve(obj)
            elif ch.dep_ in OBJECT_DEPS:
                recipients += object_parties(ch, resolver)
            elif ch.dep_ == "prep":
                recipients += self._prep_objects(c, ch, resolver)
            elif ch.dep_ == "dative":
                recipients += dative_parties(ch, resolver)
            elif ch.dep_ == "prt":
                for obj in quantity_objects(head):
                    recipients += object_parties(obj, resolver)
        for i in c.tokens:
            tok = head.doc[i]
            if tok is head or tok.i == head.i:
                continue
            for ch in tok.children:
                if ch.dep_ == "prep":
                    recipients += self._prep_objects(c, ch, resolver)
        if head.pos_ == "ADJ" and not actors:
            # "the crossings remained closed": the adjective's subject hangs from the copula
            for ch in head.head.children:
                if ch.dep_ in SUBJECT_DEPS:
                    found = resolver.resolve(ch) or between_parties(ch, resolver)
                    (actors if c.entry.type != "COERCE" else recipients).extend(found)
        if not actors and not passive:
            actors = self._inherited_subject(head, resolver)
        if c.converted:
            for comp in head.children:
                if comp.dep_ == "xcomp":
                    for ch in comp.children:
                        if ch.dep_ in OBJECT_DEPS:
                            recipients += resolver.resolve(ch) or owners_of(ch, resolver)
        return actors, recipients

    def _inherited_subject(self, head, resolver) -> list[Entity]:
        """Subject of a participle or infinitive from the clause it hangs on:
        'the minister said, accusing X' -> the minister accuses; 'pledged to help' -> same subject."""
        if any(ch.dep_ in SUBJECT_DEPS and ch.pos_ in ("NOUN", "PROPN") for ch in head.children):
            return []       # "a bomb killed two soldiers, police said": not the police
        tok = head
        for _ in range(4):
            if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
                tok = tok.head          # "gave peace a chance by engaging with X"
            # "measures to broaden …" is often parsed as a relative clause: an infinitive
            # hanging on a noun all the same
            noun_infinitive = tok.dep_ == "acl" or (tok.dep_ == "relcl" and any(
                ch.dep_ == "aux" and ch.lower_ == "to" for ch in tok.children))
            if (tok.dep_ not in ("advcl", "xcomp", "conj", "acl", "ccomp", "prep", "acomp")
                    and not noun_infinitive) or tok.head is tok:
                return []
            if noun_infinitive and tok.head.pos_ in ("NOUN", "PROPN"):
                # "Kabul's reluctance to accept": the noun's owner acts; "issued a statement
                # demanding …": whoever issued it
                found = owners_of(tok.head, resolver) or resolver.resolve(tok.head)
                if found or tok.head.lemma_.lower() not in SAYING_NOUNS | STEP_NOUNS or \
                        tok.head.dep_ not in OBJECT_DEPS:
                    return found
                tok = tok.head      # the noun; its verb's subject is looked up below
            tok = tok.head
            for ch in tok.children:
                if ch.dep_ in SUBJECT_DEPS:
                    found = resolver.resolve(ch)
                    if found:
                        return found
        return []

    def _prep_objects(self, c: Candidate, prep, resolver) -> list[Entity]:
        word = prep.lower_
        wanted = set(c.entry.recipient_preps) | {"against"}
        if c.entry.reciprocal:
            wanted |= {"with", "between", "among"}
        if word not in wanted:
            return []
        out: list[Entity] = []
        for obj in prep.children:
            if obj.dep_ == "pobj" and not absolute_clause(obj):
                # "attacks on Congolese villages": the villages' country is attacked
                out += resolver.resolve(obj) or (owners_of(obj, resolver) if word != "with" else [])
        return out

    def _noun_arguments(self, c: Candidate, resolver, by_token) -> tuple[list[Entity], list[Entity]]:
        head = c.head
        actors: list[Entity] = []
        recipients: list[Entity] = []
        kids = list(head.children)
        if head.dep_ == "compound" and head.head.lemma_.lower() in EFFORT_HEADS:
            # "a mediation mission between X and Y": the mission's phrases are the trigger's
            kids += [ch for ch in head.head.children if ch.i > head.head.i]
        for ch in kids:
            if ch.dep_ == "poss":
                actors += resolver.resolve(ch, allow_generic=True)
            elif ch.dep_ in ("compound", "amod", "nmod") and ch.i < head.i:
                actors += modifier_parties(ch, resolver)
            elif ch.dep_ == "prep":
                if ch.lower_ == "by":
                    for obj in ch.children:
                        if obj.dep_ == "pobj":
                            actors += resolver.resolve(obj)
                elif ch.lower_ in ("between", "among") or (c.entry.reciprocal and ch.lower_ == "with"):
                    for obj in ch.children:
                        if obj.dep_ == "pobj" and not absolute_clause(obj):
                            actors += resolver.resolve(obj)
                elif ch.lower_ == "of" and c.event_type in ("ASSAULT", "COERCE") and ch.i > head.i:
                    # "the shelling of border towns", "the arrest of two reporters"
                    for obj in ch.children:
                        if obj.dep_ == "pobj":
                            recipients += object_parties(obj, resolver)
                else:
                    recipients += self._prep_objects(c, ch, resolver)
        if c.event_type == "REQUEST":
            for ch in head.children:
                if ch.dep_ == "prep" and ch.lower_ == "of":
                    for obj in ch.children:
                        if obj.dep_ == "pobj":
                            actors += resolver.resolve(obj)
                elif ch.dep_ in ("acl", "ccomp"):
                    # "its demand that Israel ease restrictions": the one asked to act
                    recipients += resolver.resolve_list(
                        [g for g in ch.children if g.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS])
            if head.dep_ == "pobj" and head.head.lower_ == "at":
                # "Pakistan, at the request of Qatar, gave peace a chance": the clause's subject
                for ch in head.head.head.children:
                    if ch.dep_ in SUBJECT_DEPS:
                        recipients += resolver.resolve(ch)
            if head.dep_ in OBJECT_DEPS and head.head.lemma_.lower() in ANSWER_VERBS:
                recipients += resolver.resolve_list(
                    [ch for ch in head.head.children if ch.dep_ in SUBJECT_DEPS]) or \
                    self._inherited_subject(head.head, resolver)
        gov = c.governor
        outer = measure_head(head) or head
        if gov is not None:
            role = next((c.entry.governors[f] for f in verb_forms(gov) if f in c.entry.governors), None)
            subjects = [ch for ch in gov.children if ch.dep_ in SUBJECT_DEPS]
            if role in ("actor", "mediator"):
                found = []
                for s in subjects:
                    found += resolver.resolve(s)
                if not found:
                    found = self._inherited_subject(gov, resolver)
                named = {a.id for a in actors}
                if role == "actor" and c.entry.reciprocal and len(named) >= 2 and \
                        not named & {f.id for f in found}:
                    # "Trump announced a ceasefire between Israel and Iran": the announcer of
                    # a truce between others brokered it
                    role = "mediator"
                if role == "actor":
                    actors += found
                else:
                    c.mediators += found
            elif role == "none":
                for s in subjects:
                    cause = by_token.get(antecedent(s).i)
                    if cause is not None and cause is not c:
                        c.cause = cause
            for ch in gov.children:
                if ch.dep_ == "prep" and ch.lower_ in ("with", "between"):
                    for obj in ch.children:
                        if obj.dep_ == "pobj":
                            actors += resolver.resolve(obj)
                elif ch.dep_ == "dative" and role == "actor":
                    recipients += dative_parties(ch, resolver)    # "gave Kenya a grant"
                elif ch.dep_ == "prep" and role == "actor":
                    recipients += self._prep_objects(c, ch, resolver)
        elif outer.dep_ in OBJECT_DEPS and outer.head.pos_ == "VERB" and (
                not actors or c.entry.reciprocal) and not _judged(outer.head, c, by_token) \
                and outer.head.lemma_.lower() not in OBSERVING_VERBS:
            # a light verb: "RTA made accusations against Pakistan", "Tarar expressed gratitude",
            # "began a week of drills"
            for ch in outer.head.children:
                if ch.dep_ in SUBJECT_DEPS:
                    actors += resolver.resolve(ch)
                elif ch.dep_ == "prep":
                    recipients += self._prep_objects(c, ch, resolver)
            if not actors:
                actors += self._inherited_subject(outer.head, resolver)
        elif head.dep_ == "pobj" and head.head.dep_ == "prep" and not actors and \
                involvement(head.head):
            # "troops took part in reprisal killings against X", "are guilty of attacks on X",
            # "holding villagers as human shields": the predicate's subject did it
            pred = involving_predicate(head.head)
            actors += resolver.resolve_list(
                [ch for ch in predicate_verb(pred).children
                 if ch.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]) or \
                self._inherited_subject(pred, resolver)
            for ch in pred.children:
                if ch.dep_ == "prep" and ch.i != head.head.i:
                    recipients += self._prep_objects(c, ch, resolver)
                elif ch.dep_ in OBJECT_DEPS and head.head.lower_ == "as":
                    recipients += resolver.resolve(ch, allow_generic=True)
        elif head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            # "peace talks ... ended in Istanbul": the verb's with/between phrases name parties
            # (also on "were to have been between X and Y")
            verbs = [head.head] + [x for x in head.head.children if x.dep_ == "xcomp"]
            for ch in (g for v in verbs for g in v.children):
                if ch.dep_ == "prep" and ch.lower_ in ("between", "with") and c.entry.reciprocal:
                    for obj in ch.children:
                        if obj.dep_ == "pobj":
                            actors += resolver.resolve(obj)
        if c.entry.needs_object:
            # "the closure of the border between X and Y": parties come from the object noun
            for ch in head.children:
                if ch.dep_ == "prep":
                    for obj in ch.children:
                        for sub in obj.children:
                            if sub.dep_ == "prep" and sub.lower_ == "between":
                                for o in sub.children:
                                    if o.dep_ == "pobj":
                                        recipients += resolver.resolve(o)
        return actors, recipients

    def _assault_mode(self, c: Candidate) -> Optional[str]:
        near = [c.head] + list(c.head.children) + [c.head.head]
        near_words = {t.lower_ for t in near} | {t.lemma_.lower() for t in near}
        sent = sentence_of(c.head)
        sentence = doc_text(c.head.doc)[sent.start_char:sent.end_char].lower()
        for mode, cues in self.lexicon.assault_modes.items():
            for cue in cues:
                if " " in cue:
                    if cue in sentence:
                        return mode
                elif cue in near_words:
                    return mode
        return None

    def _cued_mode(self, c: Candidate) -> Optional[str]:
        """The mode named by the words the trigger governs ("asked X for assistance", "urged X
        to hold talks", "rejected the call for talks", "deployed missiles"): the nearest cue
        in the parse, ties broken by the order of the lexicon's mode_cues table."""
        table = self.lexicon.mode_cues[c.event_type]
        layer = [c.head]
        for _ in range(4):
            words = {t.lower_ for t in layer} | {t.lemma_.lower() for t in layer}
            for mode, cues in table.items():
                if any(cue in words for cue in cues):
                    return mode
            layer = [ch for t in layer for ch in t.children if ch.dep_ in MODE_CUE_DEPS]
        return None

    # -- modality, claims, outcome ------------------------------------------------------

    def _modality(self, c: Candidate) -> None:
        if c.factuality == "negated":
            return
        verb = c.clause_verb
        toks = [verb] + ([c.head] if c.head is not verb else [])
        for tok in toks:
            for ch in tok.children:
                low = ch.lower_
                if ch.dep_ in ("aux", "auxpass"):
                    if low in FUTURE_AUX:
                        c.factuality = "future"
                    elif low in HYPOTHETICAL_AUX and c.factuality == "asserted":
                        c.factuality = "hypothetical"
                if ch.dep_ == "mark" and low in ("if", "unless", "whether"):
                    c.factuality = "hypothetical"
        head = verb.head if verb.dep_ == "xcomp" else None
        if head is not None and head.dep_ == "xcomp" and head.lemma_.lower() in ASPECT_VERBS:
            head = head.head        # "prepared to resume shelling": the plan governs the phase
        if head is not None and head.lemma_.lower() in FUTURE_XCOMP_HEADS:
            c.factuality = "future"
        if any(ch.dep_ == "acl" and ch.lemma_.lower() in FUTURE_XCOMP_HEADS for ch in c.head.children):
            c.factuality = "future"     # "the talks planned in Muscat", "a summit scheduled for May"
        doc = c.head.doc
        if verb.lemma_.lower() in FUTURE_XCOMP_HEADS and verb.i not in c.tokens and any(
                doc[i].dep_ in ("nsubjpass", "dobj") and doc[i].head.i == verb.i for i in c.tokens):
            # "a new round is planned", "talks had been planned": intended, not (yet) held
            c.factuality = "future"
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "be" and any(
                ch.lower_ == "to" for ch in verb.children if ch.dep_ == "aux"):
            c.factuality = "future"     # "the talks were to have been held in Muscat"
        if verb.lemma_.lower() == "be" and c.head.dep_ in ("nsubj", "nsubjpass") and \
                c.head.head.i == verb.i and any(
                    ch.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to"
                                               for g in ch.children) for ch in verb.children):
            c.factuality = "future"     # "the talks were to be held in Oslo", "were to have been"
        if c.factuality == "hypothetical" and _reported(verb, self.lexicon.report_verbs) and any(
                ch.lower_ == "would" for ch in verb.children if ch.dep_ in ("aux", "auxpass")):
            c.factuality = "future"     # "said it would allow": the future seen from the past
        if c.event_type == "CONSULT" and c.head.pos_ in ("NOUN", "PROPN"):
            put_off = called_off(c.head)
            if put_off is not None:
                # "the talks planned in Muscat were called off": they did not take place, and
                # a meeting called off (not only put off) has failed
                c.factuality = "negated"
                c.outcome = "failed" if put_off == "cancel" else c.outcome
        self.apply_future(c)

    @staticmethod
    def apply_future(c: Candidate) -> None:
        """PLOVER's rules for events told as future or conditional."""
        if c.factuality == "future" and c.event_type in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
            # PLOVER: future cooperation is an expression of intent
            c.event_type, c.mode = "AGREE", None
        elif c.factuality == "future" and c.event_type == "RETREAT":
            # PLOVER: an announced retreat is a concession
            c.event_type, c.mode = "CONCEDE", None
        elif c.factuality in ("future", "hypothetical") and c.event_type in THREAT_MODES:
            # PLOVER: a force or coercion announced or made conditional is a threat
            c.mode = THREAT_MODES[c.event_type].get(c.mode, THREAT_MODES[c.event_type][None])
            c.event_type = "THREATEN"

    def _claims(self, c: Candidate, resolver) -> None:
        tok = c.clause_verb
        for _ in range(5):
            if tok.head is tok:
                break
            dep, parent = tok.dep_, tok.head
            lemma = parent.lemma_.lower() if dep in ("ccomp", "parataxis") else None
            if lemma in self._saying_verbs:
                stance = "denies" if lemma in self.lexicon.deny_verbs else "asserts"
                for ch in parent.children:
                    if ch.dep_ in SUBJECT_DEPS:
                        for ent in resolver.resolve(ch):
                            c.claims.append(Claim(by=ent, stance=stance, cue=parent.text,
                                                  span=(parent.idx, parent.idx + len(parent))))
                break
            tok = parent
        for t in self._cues.get(c.sentence, ()):
            if t.lower_ == "according" and t.dep_ == "prep":
                for to in t.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            cue_end = to.idx + len(to)
                            for ent in resolver.resolve(obj):
                                c.claims.append(Claim(by=ent, stance="asserts", cue="according to",
                                                      span=(t.idx, cue_end)))

    def _outcome(self, c: Candidate) -> None:
        if c.event_type != "CONSULT":
            return
        table = token_table(c.head.doc)
        # the clause of a verb trigger or of a subject noun, else the noun's own phrase and
        # the word it hangs on ("the talks failed", "talks ended in deadlock")
        if c.head.dep_ not in ("nsubj", "nsubjpass") and c.head.pos_ != "VERB":
            ids = [t.i for t in c.head.subtree]
            if c.head.head.pos_ in ("VERB", "ADJ", "AUX"):
                ids.append(c.head.head.i)
        else:
            ids = [t.i for t in c.clause_verb.subtree]
        text = " " + " ".join(table.lemma[i] for i in ids) + " "
        word = " " + " ".join(table.lower[i] for i in ids) + " "
        for outcome in ("failed", "concluded", "deadlocked", "ongoing"):
            for cue in self.lexicon.outcomes.get(outcome, []):
                if f" {cue} " in text or f" {cue} " in word:
                    c.outcome = outcome
                    return

    def _relations(self, c: Candidate, by_token) -> None:
        """'after intense clashes', 'following clashes', 'until X mediated a ceasefire',
        'the talks followed an earlier round': order between two events of the sentence."""
        head = c.head
        # c is the object of a temporal preposition: c happened before the governing event
        if head.dep_ == "pobj" and head.head.lower_ in RELATION_PREPS:
            other = _event_at(head.head.head, by_token)
            if other is not None and other is not c:
                c.relations.append((RELATION_PREPS[head.head.lower_], other))
        # c is the subject of a clause introduced by "after"/"until": "after clashes left dozens dead"
        if head.dep_ in SUBJECT_DEPS:
            clause = head.head
            marks = [ch for ch in clause.children if ch.dep_ == "mark" and ch.lower_ in RELATION_PREPS]
            if marks and clause.dep_ == "advcl":
                other = _event_at(clause.head, by_token)
                if other is not None and other is not c:
                    c.relations.append((RELATION_PREPS[marks[0].lower_], other))
        # "sparking clashes until Qatar mediated a ceasefire"
        verb = c.clause_verb
        for tok in (c.head, verb):
            for ch in tok.children:
                if ch.dep_ == "advcl":
                    marks = [m for m in ch.children if m.dep_ == "mark" and m.lower_ == "until"]
                    if marks:
                        other = _event_in_clause(ch, by_token)
                        if other is not None and other is not c:
                            c.relations.append(("ends_before", other))
        # "the talks followed an earlier round": the subject comes after the object
        if head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in ("follow", "come"):
            for ch in head.head.children:
                target = None
                if ch.dep_ in OBJECT_DEPS:
                    target = ch
                elif ch.dep_ == "prep" and ch.lower_ == "after":
                    target = next((o for o in ch.children if o.dep_ == "pobj"), None)
                if target is not None:
                    other = by_token.get(target.i)
                    if other is not None and other is not c:
                        c.relations.append(("after", other))

    def _suppress_content(self, c: Candidate, by_token) -> None:
        """The content of an accusation or denial is not an event of its own:
        'accused X of refusing to act' codes the accusation, not a refusal; 'urged X to
        release' codes the request, 'agreed to withdraw' the agreement."""
        verb = c.head
        if c.event_type == "ASSAULT" and verb.tag_ == "VBG" and verb.dep_ == "advcl" and \
                verb.head.i in by_token and by_token[verb.head.i] is not c and \
                by_token[verb.head.i].event_type == "ASSAULT" and \
                not any(ch.dep_ in ("mark", "advmod") for ch in verb.children):
            # "attacked a post, killing seven": the killing is the attack's toll, not a
            # second attack (the count stays with the attack)
            c.suppressed = True
            return
        said = _said_in_object(verb, by_token)
        if said is not None and said is not c:
            # "renewed its demand that Israel ease restrictions": the that-clause hangs on the
            # verb whose object is the demand; it is the demand's content, addressed to its subject
            c.suppressed = True
            if not said.recipients:
                said.recipients = [a for a in c.actors if all(a.id != x.id for x in said.actors)]
            return
        purpose = verb if verb.pos_ == "VERB" else c.head.head if c.head.dep_ in OBJECT_DEPS else verb
        protest = _protest_served(purpose, by_token)
        if protest is not None and protest is not c and (
                c.event_type == "REQUEST" or c.entry.protest_word):
            # "began a hunger strike to demand …", "blocked roads to press their demands",
            # "started a sit-in to protest …": the aim of the protest is its topic; what
            # the aim names against whom stays with the protest
            c.suppressed = True
            if not protest.recipients:
                protest.recipients = [r for r in c.recipients
                                      if all(r.id != a.id for a in protest.actors)]
            for ch in purpose.children:
                asked = by_token.get(ch.i)
                if ch.dep_ in OBJECT_DEPS and asked is not None and asked.event_type == "REQUEST":
                    asked.suppressed = True     # "press their demands": one request, the topic
            return
        if verb.pos_ in ("VERB", "AUX", "ADJ") and verb.dep_ in (
                "xcomp", "ccomp", "advcl", "acl", "relcl") and verb.head.i in by_token:
            framer = by_token[verb.head.i]
            infinitive = any(ch.lower_ == "to" and ch.dep_ == "aux" for ch in verb.children)
            if framer is not c:
                if framer.event_type == "AGREE" and c.event_type in CONFLICT_TYPES and \
                        verb.dep_ == "xcomp":
                    # "vowed to veto the law", "pledged to strike back": a promise of harm
                    framer.event_type, framer.mode = "THREATEN", None
                if framer.event_type in FRAMING_TYPES and (
                        verb.dep_ in ("xcomp", "acl") or framer.event_type in
                        ("REQUEST", "THREATEN", "AGREE") or (verb.dep_ == "advcl" and infinitive)):
                    _take_threatened_mode(framer, c)
                    c.suppressed = True
                    return
                if framer.event_type == "PROTEST" and c.event_type == "REQUEST":
                    # PLOVER: the demand a protest makes is its topic, not a second event
                    c.suppressed = True
                    return
                if verb.dep_ == "advcl" and infinitive and c.event_type in ("CONSULT", "REQUEST"):
                    # "will visit Mauritania to mediate": the purpose of the trip
                    c.suppressed = True
                    return
        if verb.pos_ == "VERB" and verb.dep_ in ("conj", "xcomp", "ccomp"):
            # "refused to allow planes to land and evacuate observers": the refused act,
            # however deep in the chain of infinitives, is not asserted
            node, through_xcomp = verb, False
            for _ in range(4):
                if node.dep_ not in ("conj", "xcomp", "ccomp") or node.head.i == node.i:
                    break
                through_xcomp |= node.dep_ == "xcomp"
                node = node.head
                framer = by_token.get(node.i)
                if framer is not None and framer is not c and through_xcomp and \
                        framer.event_type in ("REJECT", "REQUEST", "THREATEN"):
                    # (not AGREE: "agreed to keep the truce and meet again on Nov 6" also
                    # plans a meeting, which future-dated coding keeps as a plan of its own)
                    c.suppressed = True
                    return
        clause = c.clause_verb
        if verb.pos_ not in ("VERB", "AUX", "ADJ") and c.event_type not in SPEECH_ACTS and \
                clause.dep_ in ("xcomp", "ccomp", "acl") and clause.head.i in by_token and \
                by_token[clause.head.i] is not c and \
                by_token[clause.head.i].event_type in FRAMING_TYPES:
            # "agreed to set up talks", "refused to allow a meeting": the object of the
            # proposed act is as unreal as the act; "prepared to impose martial law": a threat
            framer = by_token[clause.head.i]
            inner = by_token.get(clause.i)
            if framer.event_type == "AGREE" and c.event_type in CONFLICT_TYPES and (
                    inner is None or inner is c or inner.event_type in CONFLICT_TYPES):
                # "prepared to impose martial law" threatens; "agreed to lift sanctions" does
                # not: the act promised is the lifting, not the sanctions
                framer.event_type, framer.mode = "THREATEN", None
            _take_threatened_mode(framer, c)
            c.suppressed = True
            return
        # the object of a refusal, request or concession ("rejected a request to meet")
        node = c.head
        for _ in range(4):
            if node.head is node:
                break
            parent = node.head
            if node.dep_ == "prep" and node.lower_ == "for" and parent.i in by_token and \
                    by_token[parent.i] is not c and by_token[parent.i].event_type == "REQUEST" and \
                    c.event_type not in SPEECH_ACTS:
                c.suppressed = True     # "called for sanctions against X": what is asked for
                return
            if node.dep_ in OBJECT_DEPS | {"pobj", "pcomp", "nsubjpass"} and parent.i in by_token:
                framer = by_token[parent.i]
                if framer is not c and not _yields_to(framer, c) and \
                        framer.event_type in OBJECT_FRAMING_TYPES and \
                        parent.pos_ in ("VERB", "NOUN", "ADJ") and c.event_type not in SPEECH_ACTS:
                    c.suppressed = True
                    return
            if node.dep_ not in ("pobj", "prep", "pcomp", "dobj", "compound", "acl"):
                break
            node = parent
        tok = c.head
        tok = c.head
        for _ in range(4):
            if tok.head is tok:
                return
            parent = tok.head
            if tok.dep_ == "pcomp" and parent.lower_ == "of" and parent.head.lemma_.lower() in CONTENT_OF:
                c.suppressed = True
                return
            if tok.dep_ in ("pobj", "pcomp") and parent.lower_ == "for" and \
                    parent.head.lemma_.lower() in REASON_FOR:
                # "blamed X for attacking", "arrested for collaborating with Y": the reason
                c.suppressed = True
                return
            tok = parent

    def _mediation(self, c: Candidate, resolver, by_token) -> None:
        """'despite mediation efforts by Qatar and Turkey', 'thanked X for facilitating the talks',
        'prompted Qatar to host the round': the mediators of talks and ceasefires."""
        if c.event_type not in ("CONSULT", "CONCEDE", "AGREE"):
            return
        for tok in self._cues.get(c.sentence, ()):
            low = tok.lemma_.lower()
            if low in MEDIATION_WORDS:
                # "meet UN mediator X", "met the mediator, X": a party titled so mediates
                titled = [tok.head] if tok.dep_ in ("compound", "appos") else []
                titled += [ch for ch in tok.children if ch.dep_ == "appos"]
                moved = {e.id for t in titled if t.pos_ == "PROPN" for e in resolver.resolve(t)}
                c.mediators += [a for a in c.actors + c.recipients if a.id in moved]
                c.actors = [a for a in c.actors if a.id not in moved]
                c.recipients = [a for a in c.recipients if a.id not in moved]
                if tok.pos_ == "NOUN":
                    # "under Saudi mediation": the mediator named by its adjective
                    c.mediators += [e for ch in tok.children if ch.dep_ == "amod"
                                    for e in resolver.resolve(ch)]
                for ch in list(tok.children) + [t for t in tok.head.children if t.dep_ == "prep"]:
                    if ch.dep_ == "prep" and ch.lower_ in ("by", "of", "from"):
                        for obj in ch.children:
                            if obj.dep_ == "pobj":
                                c.mediators += resolver.resolve(obj)
            elif low in MEDIATION_VERBS and tok.pos_ == "VERB":
                objs = [ch for ch in tok.children if ch.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
                described = _described_talks(tok, by_token)
                if described is not None:
                    objs.append(described.head)     # "the round, hosted by Turkey with Qatar"
                if not any(o.i in c.tokens or o.i == c.head.i for o in objs):
                    continue
                subj = [ch for ch in tok.children if ch.dep_ in SUBJECT_DEPS]
                subj += [o for ch in tok.children if ch.dep_ == "agent" for o in ch.children
                         if o.dep_ == "pobj"]
                subj += [o for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "with"
                         for o in ch.children if o.dep_ == "pobj"]   # co-hosts
                found = []
                for s in subj:
                    found += resolver.resolve(s)
                if not found:
                    found = controller(tok, resolver)
                c.mediators += found
                # "X mediated talks between Y and Z": X is no party to them; a host is one
                # only when one other is named ("X hosted talks with Y"), and with none named
                # the talks are the story's (its parties supply them)
                moved = {m.id for m in found}
                others = {a.id for a in c.actors + c.recipients} - moved
                if low != "host" or len(others) != 1:
                    c.actors = [a for a in c.actors if a.id not in moved]
                    c.recipients = [a for a in c.recipients if a.id not in moved]
                if low == "host" and c.event_type == "CONSULT" and found and \
                        not moved & {a.id for a in c.actors}:
                    c.mode = c.mode or "third-party"    # a host who is no party mediates
        c.mediators = [m for m in unique_parties(c.mediators) if all(m.id != a.id for a in c.actors)]


# Passive forms that state the subject's own stance: its subject acts.
STATIVE_PASSIVES = frozenset({"oppose", "commit", "prepare", "determine", "resolve", "dedicate",
                              "dispose", "incline"})
SAYING_NOUNS = frozenset({"reminder", "warning", "statement", "declaration", "message", "note",
                          "letter", "resolution", "communique", "insistence"})
# "took steps to ease the ban": whoever took the steps acts
STEP_NOUNS = frozenset({"step", "measure", "move", "action"})
OBLIGATION_MODALS = frozenset({"must", "should"})
OBLIGATION_ENTRY = TriggerEntry(type="REQUEST", cameo="100", confidence=0.6)


# --------------------------------------------------------------------------------------
# helpers on candidates (parse helpers that need no candidate are in syntax.py)


def _yields_to(verb_cand: Candidate, c: Candidate) -> bool:
    """Whether the verb governing a nominal trigger is only part of that trigger ('agreed to a
    ceasefire', 'undertook a mediation mission'), not an event framing it ('called off a strike')."""
    return c.governor is not None and verb_cand is not c and verb_cand.head.i == c.governor.i \
        and verb_cand.event_type in ("AGREE", "CONSULT", "SUPPORT", c.event_type)


def _said_in_object(verb, by_token) -> Optional[Candidate]:
    """The request, threat, promise or accusation named by the object of the verb a
    that-clause hangs on: 'repeated its demand that …', 'issued a warning that …'."""
    if verb.dep_ not in ("ccomp", "advcl") or verb.head.i == verb.i or \
            not any(ch.dep_ == "mark" and ch.lower_ == "that" for ch in verb.children):
        return None
    for ch in verb.head.children:
        found = by_token.get(ch.i)
        if ch.dep_ in OBJECT_DEPS and ch.pos_ == "NOUN" and found is not None and \
                found.head.i == ch.i and found.event_type in SPEECH_ACTS:
            return found
    return None


def _keep_talks_called_off(c: Candidate, by_token) -> None:
    """'the talks were called off', by no one named: the talks, not held, are the event, since
    a refusal to meet needs its actor (the talks were suppressed as the refusal's object)."""
    if not (c.suppressed and c.factuality == "negated" and c.event_type == "CONSULT"):
        return
    framer = by_token.get(c.head.head.i)
    if framer is not None and framer is not c and framer.event_type == "REJECT" \
            and not framer.actors and called_off(c.head) is not None:
        c.suppressed, framer.suppressed = False, True


def _hosted_talks(verb, c: Candidate, by_token) -> bool:
    """Whether the verb's object is talks found as an event of their own ("hosted the talks")."""
    return any(ch.dep_ in OBJECT_DEPS and by_token.get(ch.i, c) is not c
               and by_token[ch.i].event_type == "CONSULT" for ch in verb.children)


def _described_talks(participle, by_token) -> Optional[Candidate]:
    """The talks a participle describes: "the round, hosted by Turkey" (on the noun), "held
    talks, hosted by Turkey" (on the verb of talks), "the talks opened, hosted by Turkey" (on
    the verb whose subject the talks are)."""
    if participle.dep_ == "acl":
        found = by_token.get(participle.head.i)
        return found if found is not None and found.head.i != participle.i else None
    if participle.dep_ != "advcl" or participle.tag_ != "VBN":
        return None
    verb = participle.head
    for tok in [verb] + [ch for ch in verb.children if ch.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]:
        found = by_token.get(tok.i)
        if found is not None and found.event_type == "CONSULT" and found.head.i != participle.i:
            return found
    return None


def _judged(verb, c: Candidate, by_token) -> bool:
    """'X condemned the attack on Y', 'X praised the truce': the verb is an event of its own
    that judges c, so its subject judges c rather than doing it."""
    judge = by_token.get(verb.i)
    return judge is not None and judge is not c and judge.event_type != c.event_type and \
        judge.event_type in ("ACCUSE", "SUPPORT", "REJECT")


def _multilateral(c: Candidate) -> None:
    """PLOVER: a meeting "in a multilateral context, typically an alliance or IGO": three or
    more parties, or an IGO among them (a mediated meeting stays third-party)."""
    if c.event_type == "CONSULT" and c.mode is None and (
            len(c.actors) + len(c.recipients) >= 3 or any(
                p.sector == "IGO" for p in c.actors + c.recipients)):
        c.mode = "multilateral"


def _take_threatened_mode(framer: Candidate, content: Candidate) -> None:
    """'threatened to arrest them', 'threatened to impose a curfew': a threat with no mode of
    its own takes the THREATEN mode of the act it threatens."""
    if framer.event_type == "THREATEN" and framer.mode is None and \
            content.event_type in THREAT_MODES:
        table = THREAT_MODES[content.event_type]
        framer.mode = table.get(content.mode, table[None])


def _protest_served(verb, by_token) -> Optional[Candidate]:
    """The protest whose purpose clause ``verb`` heads: 'staged a sit-in to demand …' (the
    clause hangs from the light verb whose object is the protest), 'marched to demand …'."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("advcl", "xcomp") or verb.head.i == verb.i or \
            not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children):
        return None
    holder = verb.head
    for tok in [holder] + [ch for ch in holder.children if ch.dep_ in OBJECT_DEPS]:
        found = by_token.get(tok.i)
        if found is not None and found.event_type == "PROTEST" and not found.protest_as_complaint:
            return found
    return None


def _reported(verb, report_verbs) -> bool:
    """Whether a clause is the complement of a verb of saying ('said it would …')."""
    return verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in report_verbs


def _event_at(tok, by_token):
    """The candidate whose trigger or governing verb is ``tok``."""
    return by_token.get(tok.i)


def _event_in_clause(clause, by_token):
    for t in clause.subtree:
        if t.i in by_token:
            return by_token[t.i]
    return None


