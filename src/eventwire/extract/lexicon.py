"""The trigger lexicon: loading ``resources/triggers.yaml`` and matching it against a Doc."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..errors import ResourceError
from ..model import EVENT_TYPES
from ..nlp.sentences import sentences
from ..nlp.tokens import token_table
from ..resources import load_yaml

DEFAULT_POS = ("VERB", "NOUN")
KNOWN_KEYS = frozenset({
    "lemmas", "phrases", "pos", "type", "mode", "cameo", "context", "reciprocal",
    "recipient_preps", "governors", "negated", "confidence", "plural_only",
    "needs_in_sentence", "needs_object_entity", "needs_object", "head", "needs_complement",
    "needs_object_any", "needs_own_actor", "actor_sectors", "swap_roles", "mediator_subject",
    "protest_word", "not_object", "needs_particle",
})


def _flag(value) -> "bool | tuple[str, ...]":
    """A flag is true for every lemma of the entry, or a list of the lemmas it applies to."""
    if isinstance(value, list):
        return tuple(v.lower() for v in value)
    return bool(value)


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon entry: how a word or phrase is coded and how its arguments are found."""

    type: str
    mode: Optional[str] = None
    cameo: Optional[str] = None
    context: tuple[str, ...] = ()
    reciprocal: bool = False
    recipient_preps: tuple[str, ...] = ()
    governors: dict = field(default_factory=dict)
    negated: Optional[str] = None
    confidence: float = 0.7
    plural_only: tuple[str, ...] = ()
    needs_in_sentence: Optional[str] = None
    needs_object_entity: "bool | tuple[str, ...]" = False
    needs_object: tuple[str, ...] = ()
    not_object: tuple[str, ...] = ()      # the thing acted on that makes it no such event
    needs_particle: tuple[str, ...] = ()  # a particle the verb must take ("forced X out")
    head_last: bool = False
    pos: tuple[str, ...] = DEFAULT_POS
    needs_complement: "bool | tuple[str, ...]" = False
    needs_object_any: "bool | tuple[str, ...]" = False
    needs_own_actor: "bool | tuple[str, ...]" = False
    actor_sectors: tuple[str, ...] = ()
    swap_roles: bool = False
    mediator_subject: bool = False
    protest_word: bool = False

    def applies(self, flag: str, lemma: str) -> bool:
        """Whether a per-lemma flag holds for this lemma."""
        value = getattr(self, flag)
        return lemma in value if isinstance(value, tuple) else bool(value)

    def __hash__(self) -> int:
        return id(self)


@dataclass(frozen=True)
class Lexicon:
    by_lemma: dict            # (lemma, pos) -> list[TriggerEntry]
    phrases: list             # (list of lemma alternatives per position, TriggerEntry)
    type_info: dict           # type -> {"quad", "score"}
    mode_scores: dict         # type -> {mode: score}
    assault_modes: dict       # mode -> list of cue words
    report_verbs: frozenset
    deny_verbs: frozenset
    outcomes: dict            # outcome -> list of lemma phrases
    nonpolitical_cues: frozenset = frozenset()   # words of sport, business, weather, disaster, crime
    mode_cues: dict = field(default_factory=dict)   # type -> {mode: cue words near the trigger}

    @property
    def phrase_index(self) -> dict:
        """First word -> [(rank, parts, entry)], rank ordering longer phrases first."""
        cached = self.__dict__.get("_phrase_index")
        if cached is None:
            cached = {}
            ordered = sorted(self.phrases, key=lambda p: -len(p[0]))
            for rank, (parts, entry) in enumerate(ordered):
                for word in parts[0]:
                    cached.setdefault(word, []).append((rank, parts, entry))
            object.__setattr__(self, "_phrase_index", cached)
        return cached

    @property
    def trigger_lemmas(self) -> frozenset:
        """Every lemma some single-word entry codes (most words of a text are none)."""
        cached = self.__dict__.get("_trigger_lemmas")
        if cached is None:
            cached = frozenset(lemma for lemma, _ in self.by_lemma)
            object.__setattr__(self, "_trigger_lemmas", cached)
        return cached

    @classmethod
    def load(cls) -> "Lexicon":
        data = load_yaml("triggers.yaml")
        by_lemma: dict = {}
        phrases = []
        for raw in data["triggers"]:
            unknown = set(raw) - KNOWN_KEYS
            if unknown:
                raise ResourceError(f"triggers.yaml: unknown keys {sorted(unknown)} in {raw}")
            if raw["type"] not in EVENT_TYPES:
                raise ResourceError(f"triggers.yaml: unknown event type {raw['type']!r}")
            entry = TriggerEntry(
                type=raw["type"], mode=raw.get("mode"), cameo=raw.get("cameo"),
                context=tuple(raw.get("context", ())), reciprocal=bool(raw.get("reciprocal")),
                recipient_preps=tuple(raw.get("recipient_preps", ())),
                governors=dict(raw.get("governors", {})), negated=raw.get("negated"),
                confidence=float(raw.get("confidence", 0.7)),
                plural_only=tuple(raw.get("plural_only", ())),
                needs_in_sentence=raw.get("needs_in_sentence"),
                needs_object_entity=_flag(raw.get("needs_object_entity")),
                needs_object=tuple(raw.get("needs_object", ())),
                not_object=tuple(raw.get("not_object", ())),
                needs_particle=tuple(raw.get("needs_particle", ())),
                head_last=raw.get("head") == "last",
                pos=tuple(raw.get("pos", DEFAULT_POS)),
                needs_complement=_flag(raw.get("needs_complement")),
                needs_object_any=_flag(raw.get("needs_object_any")),
                needs_own_actor=_flag(raw.get("needs_own_actor")),
                actor_sectors=tuple(raw.get("actor_sectors", ())),
                swap_roles=bool(raw.get("swap_roles")),
                mediator_subject=bool(raw.get("mediator_subject")),
                protest_word=bool(raw.get("protest_word")))
            for lemma in raw.get("lemmas", ()):
                for pos in entry.pos:
                    by_lemma.setdefault((lemma.lower(), pos), []).append(entry)
            for phrase in raw.get("phrases", ()):
                parts = [tuple(alt.lower() for alt in word.split("|")) for word in phrase.split()]
                phrases.append((parts, entry))
        return cls(by_lemma=by_lemma, phrases=phrases, type_info=data["types"],
                   mode_scores=data.get("mode_scores", {}),
                   assault_modes=data.get("assault_modes", {}),
                   report_verbs=frozenset(data.get("report_verbs", ())),
                   deny_verbs=frozenset(data.get("deny_verbs", ())),
                   outcomes=data.get("outcomes", {}),
                   mode_cues=data.get("mode_cues", {}),
                   nonpolitical_cues=frozenset(w.lower() for words in data.get(
                       "nonpolitical_cues", {}).values() for w in words))

    def score(self, event_type: str, mode: Optional[str]) -> float:
        if mode and mode in self.mode_scores.get(event_type, {}):
            return float(self.mode_scores[event_type][mode])
        return float(self.type_info[event_type]["score"])

    def quad(self, event_type: str) -> str:
        return self.type_info[event_type]["quad"]

    def match(self, doc) -> list[tuple[list[int], list[TriggerEntry]]]:
        """Trigger token groups in text order, each with the entries that may code it (to be
        tried in order): phrases first, then single words not inside them."""
        found: list[tuple[list[int], list[TriggerEntry]]] = []
        used: set[int] = set()
        get = self.phrase_index.get
        table = token_table(doc)
        lowers, lemmas = table.lower, table.lemma
        sent_of, spans = sentences(doc)
        # phrase starts, by sentence: one pass over the words, most of which start none
        starts_in: dict[int, list[tuple[int, int, tuple, TriggerEntry]]] = {}
        for i, lemma in enumerate(lemmas):
            hits = get(lemma)
            lower = lowers[i]
            more = get(lower) if lower != lemma else None
            if hits is None and more is None:
                continue
            sent = spans[sent_of[i]]
            starts = starts_in.setdefault(sent.start, [])
            for rank, parts, entry in (hits or ()):
                starts.append((rank, i - sent.start, parts, entry))
            for rank, parts, entry in (more or ()):
                starts.append((rank, i - sent.start, parts, entry))
        for sent in spans:
            starts = starts_in.get(sent.start)
            if not starts:
                continue
            # longest phrases first, so "remain on alert" wins over "on alert"; entries of
            # the same phrase ("call off" a strike or a meeting) are tried in turn
            by_group: dict[tuple, list] = {}
            for _, i, parts, entry in sorted(starts, key=lambda s: (s[0], s[1])):
                group = (_match_phrase(table, sent.start, sent.end, sent.start + i, parts)
                         or _match_subject_phrase(doc, table, sent.end, sent.start + i, parts))
                if group and tuple(group) in by_group:
                    by_group[tuple(group)].append(entry)
                elif group and not used.intersection(group):
                    by_group[tuple(group)] = [entry]
                    found.append((group, by_group[tuple(group)]))
                    used.update(group)
        by_lemma = self.by_lemma
        known = self.trigger_lemmas
        pos_of, tag_of = table.pos, table.tag
        for i, lemma in enumerate(lemmas):
            if lemma not in known or i in used:
                continue
            pos, tag = pos_of[i], tag_of[i]
            pos = "VERB" if pos == "AUX" else pos
            entries = by_lemma.get((lemma, pos)) or []
            if not entries and pos == "PROPN":
                entries = by_lemma.get((lemma, "NOUN")) or []
            usable = [e for e in entries if not (lemma in e.plural_only and tag != "NNS")]
            if usable:
                found.append(([i], usable))
        return sorted(found, key=lambda f: f[0][0])


def _match_subject_phrase(doc, table, sent_end: int, i: int, parts) -> Optional[list[int]]:
    """A phrase whose first word is the subject of the rest, however far apart: "the
    ceasefire between the two armies took effect", "the truce in the north was back in
    force" (the rest then starts at the subject's verb, or just after a copula)."""
    tok = doc[i]
    if len(parts) < 2 or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    head = tok.head.i
    if table.lemma[head] == "be" and not (table.lemma[head] in parts[1]):
        head += 1
    if not i + 1 < head < sent_end or not (table.lemma[head] in parts[1]
                                            or table.lower[head] in parts[1]):
        return None
    rest = [head] if len(parts) == 2 else _match_phrase(table, head, sent_end, head, parts[1:])
    return [i] + rest if rest else None


def _match_phrase(table, sent_start: int, sent_end: int, i: int, parts) -> Optional[list[int]]:
    """Token indices matching ``parts`` from token ``i`` of the sentence [sent_start,
    sent_end), allowing two modifiers between words."""
    group = [i]
    j = i
    for alts in parts[1:]:
        for gap in range(0, 3):
            k = j + 1 + gap
            if k >= sent_end:
                return None
            if table.lemma[k] in alts or table.lower[k] in alts:
                group.append(k)
                j = k
                break
            if table.pos[k] not in ("DET", "ADJ", "PRON", "ADV", "NUM") and table.tag[k] != "PRP$":
                return None
        else:
            return None
    return group
