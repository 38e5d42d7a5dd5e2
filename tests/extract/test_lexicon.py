"""The coding data files load as written: word lists hold words, not YAML 1.1 booleans."""

from eventwire.extract.lexicon import Lexicon
from eventwire.resources import load_yaml, parse_yaml


def test_yes_no_on_off_stay_words():
    data = parse_yaml("preps: [on, off, yes, no]\nflag: true\nother: false\n")
    assert data == {"preps": ["on", "off", "yes", "no"], "flag": True, "other": False}


def test_every_word_list_of_the_trigger_lexicon_holds_strings():
    lexicon = Lexicon.load()
    entries = {id(e): e for es in lexicon.by_lemma.values() for e in es}
    entries.update({id(e): e for _, e in lexicon.phrases})
    assert entries
    for entry in entries.values():
        for name in ("recipient_preps", "needs_object", "context", "plural_only", "actor_sectors"):
            assert all(isinstance(w, str) for w in getattr(entry, name)), (name, entry)
    assert any("on" in e.recipient_preps for e in entries.values())


def test_entity_word_lists_hold_strings():
    data = load_yaml("entities.yaml")
    for sector, words in data["sector_words"].items():
        assert all(isinstance(w, str) for w in words), sector
