"""The per-Doc token table: the same strings as the tokens, built once."""

from eventwire.nlp.tokens import token_table


def test_table_holds_each_tokens_strings(nlp):
    doc = nlp("The Envoys MET in a quiet village; talks were held later.")
    table = token_table(doc)
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.tag == [t.tag_ for t in doc]
    assert "envoys" in table.lower and "met" in table.lower


def test_table_is_built_once_per_doc(nlp):
    doc = nlp("Two ministers spoke on Monday.")
    assert token_table(doc) is token_table(doc)
    other = nlp("Two ministers spoke on Monday.")
    assert token_table(other) is not token_table(doc)
