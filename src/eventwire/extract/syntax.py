"""Reading parties and relations off the dependency parse: which verb governs a nominal
event, which objects, datives, prepositions, owners and complements name parties, and which
clauses only describe. Shared by the event finder (``events.py``) and article assembly.
"""

from __future__ import annotations

from ..model import Entity
from .entities import unnamed


SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
# Prepositions through which a verb governs a nominal event: "led to a ceasefire",
# "resulted in a truce", "agreed on a deal" — not "after the strikes".
GOVERNING_PREPS = frozenset({"to", "in", "on", "into", "for", "upon", "by"})
BORDER_WORDS = frozenset({"border", "crossing", "frontier", "checkpoint", "crossings", "borders"})
EFFORT_HEADS = frozenset({"effort", "efforts", "mission", "bid", "process", "initiative",
                          "attempt", "campaign", "drive", "plan", "operation"})


def unique_parties(ents: list[Entity]) -> list[Entity]:
    """Entities once each; a class noun standing right before a name ('media outlet RTA')
    is the name's description, not a second party."""
    out: list[Entity] = []
    for e in ents:
        if all(o.id != e.id for o in out):
            out.append(e)
    named_starts = {e.span[0] for e in out if e.span is not None and not unnamed(e)}
    return [e for e in out if not (unnamed(e) and e.span is not None and
                                   any(0 <= s - e.span[1] <= 1 for s in named_starts))]


def governing_verb(tok):
    """The verb a noun is the object of, directly or through a preposition
    ('reached a ceasefire', 'led to a ceasefire', 'resulted in a ceasefire'), or through a
    generic head it modifies ('launched a mediation effort')."""
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in EFFORT_HEADS:
        return governing_verb(tok.head)
    measure = measure_head(tok)
    if measure is not None:
        return governing_verb(measure)     # "launched ten days of exercises"
    if tok.dep_ in OBJECT_DEPS or tok.dep_ in ("nsubjpass",):
        return tok.head if tok.head.pos_ in ("VERB", "AUX") else None
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent") and tok.head.head.pos_ in ("VERB",) \
            and tok.head.lower_ in GOVERNING_PREPS:
        return tok.head.head
    if tok.dep_ == "conj":
        return governing_verb(tok.head)
    return None


# Predicates whose prepositional object is something their subject does or did:
# "engaged in", "involved in", "took part in", "guilty of", "responsible for", "used as".
INVOLVEMENT = {"in": frozenset({"engage", "involve", "participate", "part", "implicate", "complicit"}),
               "of": frozenset({"guilty", "culpable"}),
               "for": frozenset({"responsible", "culpable"}),
               "as": frozenset({"hold", "use", "keep", "take"})}


def involvement(prep) -> bool:
    pred = involving_predicate(prep)
    lemma = pred.lemma_.lower()
    if lemma == "take":         # "took part in": the preposition may hang from the verb
        return prep.lower_ == "in" and any(ch.lemma_.lower() == "part" for ch in pred.children)
    return lemma in INVOLVEMENT.get(prep.lower_, ()) and pred.pos_ in ("VERB", "ADJ", "NOUN")


def involving_predicate(prep):
    """The predicate a preposition of involvement belongs to; 'used hundreds of villagers as
    shields' hangs 'as' from the object, whose verb is the predicate."""
    pred = prep.head
    if prep.lower_ == "as" and pred.dep_ in OBJECT_DEPS and pred.head.pos_ == "VERB":
        return pred.head
    return pred


def predicate_verb(tok):
    """The verb carrying a predicate's subject: 'are guilty' -> 'are', 'took part' -> 'took'."""
    if tok.pos_ in ("ADJ", "NOUN") and tok.dep_ in ("acomp", "dobj", "attr") and tok.head is not tok:
        return tok.head
    return tok


# Nouns that measure out events: "ten days of exercises", "a series of attacks", "a wave of arrests".
MEASURE_HEADS = frozenset({"hour", "day", "week", "month", "year", "series", "round", "wave", "spate",
                           "string", "flurry", "barrage", "volley", "number", "couple"})


def measure_head(tok):
    """The measuring noun a trigger hangs from through 'of' ('a week of drills' -> 'week')."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            tok.head.head.lemma_.lower() in MEASURE_HEADS and tok.head.head.pos_ == "NOUN" and \
            tok.head.head.dep_ in OBJECT_DEPS | SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
        return tok.head.head    # not "on the first day of the strike": a time, not a measure
    return None


def has_date_modifier(tok) -> bool:
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ == "on":
            for obj in ch.children:
                if obj.ent_type_ == "DATE":
                    return True
    return False


def object_matches(head, wanted: tuple[str, ...]) -> bool:
    """The thing acted on is one of ``wanted`` ('closed the border', 'crossings remained closed',
    'released 20 hostages', 'the closure of the border')."""
    cands = []
    for ch in head.children:
        if ch.dep_ in OBJECT_DEPS or ch.dep_ in ("nsubjpass", "compound"):
            cands.append(ch)
        if ch.dep_ == "prep" and ch.lower_ in ("of", "on"):
            cands += [o for o in ch.children if o.dep_ == "pobj"]
        if ch.dep_ == "prt":
            for sib in head.children:
                if sib.dep_ in OBJECT_DEPS:
                    cands.append(sib)
            cands += quantity_objects(head)
        if ch.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
            # "allowed the opposition to hold a rally" parsed as a clause: its subject
            cands += [g for g in ch.children if g.dep_ in SUBJECT_DEPS]
    if head.pos_ == "ADJ" or head.dep_ in ("acomp", "amod", "oprd"):
        if head.dep_ == "amod":
            cands.append(head.head)
        for ch in head.head.children:
            if ch.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
                cands.append(ch)
    if head.dep_ == "acl":
        cands.append(head.head)
    lemmas = set()
    for tok in cands:
        lemmas.add(tok.lemma_.lower())
        lemmas.add(tok.lower_)
        if tok.ent_type_ == "PERSON":
            lemmas.add("@person")
        if tok.ent_type_ == "GPE":
            lemmas.add("@gpe")
        for sub in tok.children:
            if sub.dep_ in ("compound", "amod", "conj"):
                lemmas.add(sub.lemma_.lower())
            if sub.dep_ == "prep" and sub.lower_ == "of":
                # "tons of food aid", "the return of inspectors", "a state of emergency"
                for obj in sub.children:
                    if obj.dep_ == "pobj":
                        lemmas.add(obj.lemma_.lower())
                        lemmas.update(g.lemma_.lower() for g in obj.children if g.dep_ == "compound")
    return bool(lemmas.intersection(wanted))


# Prepositions through which the thing acted on names a party: "the pull-out of Chadian
# troops", "calls by Belarus for aid", "autonomy from Mali", "aid for Haiti".
OBJECT_PREPS = frozenset({"of", "by", "from", "for", "to", "on", "against", "with"})


def dative_parties(dative, resolver) -> list[Entity]:
    """'gave Y a welcome', or 'gave a welcome to Y' (the parser calls the 'to' the dative)."""
    if dative.pos_ != "ADP":
        return resolver.resolve(dative)
    return resolver.resolve_list([o for o in dative.children if o.dep_ == "pobj"])


def object_parties(obj, resolver) -> list[Entity]:
    """Parties a verb's object names: the object itself, else its owner ("accept Pakistan's
    proposals") or the other side of a border ("closed its crossings with Honduras"), else a
    party its own prepositions name ("called for the pull-out of Chadian troops")."""
    return resolver.resolve(obj, allow_generic=True) or \
        unique_parties(owners_of(obj, resolver) + between_parties(obj, resolver)) or \
        unique_parties(resolver.resolve_list([o for p in obj.children if p.dep_ == "prep" and
                                       p.lower_ in OBJECT_PREPS
                                       for o in p.children if o.dep_ == "pobj"]))


def quantity_objects(verb) -> list:
    """The object behind 'up to' parsed as a particle and a preposition: 'kidnapped up to 16
    advisers' ('up' the verb's particle, '16 advisers' under 'to', which hangs from either)."""
    out = []
    for prt in verb.children:
        if prt.dep_ != "prt" or prt.lower_ != "up":
            continue
        for prep in list(prt.children) + list(verb.children):
            if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i == prt.i + 1:
                out += [obj for obj in prep.children if obj.dep_ == "pobj"]
    return out


def is_negated(tok) -> bool:
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("fail", "cease", "neglect"):
        return True                  # "failed to reach agreement"
    for ch in tok.children:
        if ch.dep_ == "neg":
            return True
        if ch.dep_ == "det" and ch.lower_ == "no":
            return True
    return False


def owners_of(tok, resolver) -> list[Entity]:
    out: list[Entity] = []
    for ch in tok.children:
        if ch.dep_ == "poss" or (ch.dep_ in ("compound", "amod") and ch.i < tok.i):
            out += resolver.resolve(ch)
    return out


def modifier_parties(tok, resolver) -> list[Entity]:
    """'Afghanistan-Pakistan talks', 'Pakistani strikes', 'border clashes' (no party)."""
    found = resolver.resolve(tok, allow_generic=False)
    if not found:
        # "US Predator attacks": a name further down the chain of modifiers
        for ch in tok.children:
            if ch.dep_ in ("compound", "amod", "nmod") and ch.i < tok.i:
                found += resolver.resolve(ch, allow_generic=False)
    doc = tok.doc
    # hyphenated pairs: Afghanistan - Pakistan talks
    if tok.i >= 2 and doc[tok.i - 1].text in ("-", "–", "—"):
        found = resolver.resolve(doc[tok.i - 2], allow_generic=False) + found
    return found


def between_parties(tok, resolver, depth: int = 2) -> list[Entity]:
    """'border crossings between the two countries', 'crossings on the border between Iran
    and Iraq': the parties named after 'between' in the noun phrase."""
    out: list[Entity] = []
    for ch in tok.children:
        if ch.dep_ == "prep" and (ch.lower_ == "between" or (
                ch.lower_ == "with" and tok.lemma_.lower() in BORDER_WORDS)):
            for obj in ch.children:
                if obj.dep_ == "pobj":
                    out += resolver.resolve(obj)
        elif ch.dep_ == "poss" and tok.lemma_.lower() in BORDER_WORDS:
            out += resolver.resolve(ch)        # "Pakistan's border crossings with Afghanistan"
        elif ch.dep_ == "compound" and ch.lemma_.lower() in BORDER_WORDS and depth > 0:
            out += between_parties(ch, resolver, depth - 1)
        elif ch.dep_ == "prep" and depth > 0:
            for obj in ch.children:
                if obj.dep_ == "pobj":
                    out += between_parties(obj, resolver, depth - 1)
    return out


def complement_parties(verb, resolver, subjects_only: bool = False) -> list[Entity]:
    """Parties of the action a pledge, demand or threat is about: 'pledged to help resolve
    the crisis between the two neighbours', 'demanded that the US cancel the sale'; with
    ``subjects_only``, only who the complement clause is about ('complained that X failed')."""
    out: list[Entity] = []
    frontier = [ch for ch in verb.children if ch.dep_ in ("xcomp", "ccomp")]
    for comp in frontier:
        if comp.dep_ == "ccomp":
            for ch in comp.children:
                if ch.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
                    out += resolver.resolve(ch)
    if out or subjects_only:
        return out
    for _ in range(3):
        nxt = []
        for v in frontier:
            for ch in v.children:
                if ch.dep_ in OBJECT_DEPS:
                    # "to impose sanctions on Georgia", "to provide aid for Romania"
                    out += object_parties(ch, resolver)
                elif ch.dep_ == "dative":
                    out += dative_parties(ch, resolver)
                elif ch.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
                    nxt.append(ch)      # "to send arms to help defend X"
                elif ch.dep_ == "prep" and ch.lower_ in ("with", "to", "between", "against", "on", "for"):
                    for obj in ch.children:
                        if obj.dep_ == "pobj":
                            out += resolver.resolve(obj)
                elif ch.dep_ in ("xcomp", "ccomp"):
                    nxt.append(ch)
        frontier = nxt
    return out


def absolute_clause(obj) -> bool:
    """'with Egypt carrying the talks': a with-phrase that is a clause of its own, not a party
    to the event it hangs on."""
    if any(ch.dep_ in ("acl", "relcl") and ch.tag_ == "VBG" and not relative_clause(ch)
           for ch in obj.children):
        return True
    prep = obj.head
    end = max([obj.i] + [c.i for c in obj.conjuncts])
    # the parser often hangs the participle on the noun the with-phrase modifies
    return prep.lower_ == "with" and any(
        ch.dep_ in ("acl", "advcl") and ch.tag_ == "VBG" and end < ch.i <= end + 2
        for ch in prep.head.children)


def relative_clause(verb) -> bool:
    """'the leader who is seeking support': a clause with its own relative subject or
    auxiliary describes the noun; it does not turn the phrase into a clause of its own."""
    return verb.dep_ == "relcl" and any(
        ch.tag_ in ("WP", "WDT") or ch.dep_ == "aux" for ch in verb.children)


def verb_forms(tok) -> set[str]:
    """A verb's lemma and the stems of its surface form, so a mislemmatised verb ('staged'
    given as 'stag') still matches its entry."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                         ("ing", "e"), ("s", ""), ("es", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)] + repl)
    return forms


def is_subject_text(head, ent: Entity) -> bool:
    """Whether the entity is named by the head's subject (or by the subject of the copula a
    predicate hangs on: "X and Y are mediating")."""
    children = list(head.children)
    if head.dep_ in ("acomp", "xcomp") and head.head.lemma_ == "be":
        children += [ch for ch in head.head.children if ch.dep_ in SUBJECT_DEPS]
    for ch in children:
        if ch.dep_ == "agent":
            ch = next((o for o in ch.children if o.dep_ == "pobj"), ch)
        elif ch.dep_ not in SUBJECT_DEPS:
            continue
        if ent.span is not None and \
                ch.left_edge.idx <= ent.span[0] < ch.right_edge.idx + len(ch.right_edge):
            return True
    return False


def antecedent(tok):
    """For a relative pronoun ('which', 'that'), the noun the relative clause hangs on."""
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


# Verbs by which a planned event is called off, or only put off.
CANCEL_VERBS = frozenset({"cancel", "scrap", "abandon", "scuttle", "axe", "ax", "drop"})
DELAY_VERBS = frozenset({"postpone", "delay", "defer", "suspend", "adjourn"})


def called_off(noun) -> str | None:
    """'the talks were called off', 'talks in Muscat called off', 'scrapped the summit':
    "cancel" or "delay" when the noun is what such a verb acts on, else None."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head           # "the round of talks was put off"
    verbs = [noun.head] if noun.dep_ in ("dobj", "nsubjpass") or noun.dep_ == "nsubj" and not any(
        ch.dep_ in OBJECT_DEPS for ch in noun.head.children) else []   # "talks called off" (a headline)
    verbs += [ch for ch in noun.children if ch.dep_ == "acl" and ch.tag_ == "VBN"]
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in CANCEL_VERBS or lemma == "call" and any(
                ch.dep_ == "prt" and ch.lower_ == "off" for ch in verb.children):
            return "cancel"
        if lemma in DELAY_VERBS or lemma == "put" and any(
                ch.dep_ == "prt" and ch.lower_ == "off" for ch in verb.children):
            return "delay"
    return None


def relative_noun(verb):
    """The noun a relative clause hangs on, for its verb or for a clause reported in it
    ("strikes that killed 14", "strikes that officials said killed 14"); else None."""
    if verb.dep_ == "ccomp" and verb.head.dep_ == "relcl":
        verb = verb.head
    return verb.head if verb.dep_ == "relcl" else None


def reported_relative(verb, report_verbs):
    """'strikes that officials said killed 14': a clause reported inside a relative clause,
    whose subject is the noun that relative clause hangs on. That noun, else None."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in report_verbs:
        return None
    if any(ch.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and ch.tag_ not in ("WDT", "WP")
           and ch.lower_ != "that" for ch in verb.children):
        return None
    return relative_noun(verb)


def controller(verb, resolver) -> list[Entity]:
    """'prompted Qatar to host': the object of the verb that governs the infinitive."""
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.pos_ == "VERB":
        for ch in verb.head.children:
            if ch.dep_ in OBJECT_DEPS:
                return resolver.resolve(ch)
    if verb.dep_ in ("pcomp", "advcl", "acl"):
        node = verb.head
        for _ in range(3):
            for ch in node.children:
                if ch.dep_ in SUBJECT_DEPS:
                    return resolver.resolve(ch)
            if node.head is node:
                break
            node = node.head
    return []
