"""Tests for eventwire.ingest.dedup: content hashes and near-duplicate links.

The articles are fictional (Northland, Southmark, Eastford).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

import pytest

from eventwire.ingest.dedup import (
    DEFAULT_THRESHOLD,
    Match,
    NearDuplicateIndex,
    content_hash,
    estimated_resemblance,
    resemblance,
    shingles,
    signature,
)

ORIGINAL = """Northland and Southmark agree to reopen river crossing after week of talks

The governments of Northland and Southmark agreed on Thursday to reopen the main river crossing between the two countries, ending a closure that had stranded hundreds of lorries on both banks for more than a week.

The agreement was announced in the border town of Eastford after three days of talks between the two interior ministers, who were joined by a mediator from the regional trade council.

Under the deal, the crossing will open to cargo traffic from Saturday morning and to passenger traffic a week later, once new customs booths have been installed on the Southmark side.

"Both sides have shown that they can settle their differences at the table," the Northland minister told reporters after the signing. Her Southmark counterpart said the agreement would be reviewed in three months.

Traders on both sides of the river welcomed the news. A spokesman for the Eastford chamber of commerce said that the closure had cost local businesses several million in lost sales and spoiled goods.

The crossing was closed after a dispute over inspection fees that Southmark introduced at the start of the month. Northland had called the fees a breach of an earlier transit accord.

The two ministers are expected to meet again next month to discuss a longer-term arrangement on fees and inspections."""

SYNDICATED = """River crossing to reopen as Northland, Southmark strike deal

The governments of Northland and Southmark agreed on Thursday to reopen the main river crossing between the two countries, ending a closure that had stranded hundreds of trucks on both banks for more than a week.

The agreement was announced in the border town of Eastford after three days of negotiations between the two interior ministers, who were joined by a mediator from the regional trade council.

Under the deal, the crossing will open to cargo traffic from Saturday and to passenger traffic a week later, once new customs booths have been installed on the Southmark side.

"Both sides have shown that they can settle their differences at the table," the Northland minister told reporters after the signing. Her Southmark counterpart said the agreement would be reviewed in three months.

Traders on both sides of the river welcomed the news. A spokesman for the Eastford chamber of commerce said the closure had cost local businesses several million in lost sales and spoiled goods.

The crossing was closed after a dispute over inspection fees that Southmark introduced at the start of the month. Northland had called the fees a breach of an earlier transit accord."""

SAME_TOPIC = """Lorries queue at Eastford as Northland and Southmark settle fee dispute

Drivers waiting at the Eastford crossing cheered on Thursday evening when word came that Northland and Southmark had settled their quarrel over inspection charges.

Some had been parked beside the river for nine days, sleeping in their cabs and buying water from villagers. "We just want to go home," said one driver, who had been carrying fruit that is now spoiled.

The interior ministers of the two countries signed the settlement in Eastford after talks that a regional trade council official helped to run. Officials said cargo would move again from Saturday, with buses and cars allowed across later.

Southmark had brought in the charges at the beginning of the month, and Northland said they broke an older agreement on transit. The dispute quickly shut the crossing, the busiest between the two neighbours.

Business groups in the town say the shutdown cost them millions. Shopkeepers near the bridge said they had seen almost no customers since the queues began.

A review of the settlement is planned in three months, and the ministers are due to hold further talks in the coming weeks."""


def estimate(a: str, b: str) -> float:
    return estimated_resemblance(signature(shingles(a)), signature(shingles(b)))


# ---------------------------------------------------------------------------------------
# Content hashes


def test_content_hash_is_sha256_of_the_normalised_text():
    import hashlib

    assert content_hash("  Talks\n\nresume\t today ") == \
        hashlib.sha256("Talks resume today".encode()).hexdigest()


def test_content_hash_ignores_whitespace_and_unicode_composition():
    composed, decomposed = "Caf\u00e9 talks resume", "Cafe\u0301 talks resume"
    assert content_hash(composed) == content_hash(decomposed)
    assert content_hash("a  b\r\nc") == content_hash("a b c")


def test_content_hash_keeps_case_and_words():
    assert content_hash("Talks resume") != content_hash("talks resume")
    assert content_hash("Talks resume") != content_hash("Talks resumed")


# ---------------------------------------------------------------------------------------
# Near-duplicates


def test_identical_text_is_linked_to_the_first_copy():
    index = NearDuplicateIndex()
    assert index.add("first", ORIGINAL) is None
    assert index.add("second", ORIGINAL) == "first"
    assert index.add("third", "  " + ORIGINAL.replace("\n\n", "\n")) == "first"


def test_syndicated_copy_with_small_edits_is_linked():
    # new headline, "lorries" -> "trucks", "talks" -> "negotiations", two words dropped,
    # and the closing paragraph cut
    assert 0.65 < resemblance(ORIGINAL, SYNDICATED) < 0.8       # measured: 0.714
    assert 0.6 < estimate(ORIGINAL, SYNDICATED) < 0.8           # measured: 0.69
    index = NearDuplicateIndex()
    index.add("herald-1", ORIGINAL)
    assert index.add("wire-7", SYNDICATED) == "herald-1"


def test_different_article_on_the_same_event_is_not_linked():
    assert resemblance(ORIGINAL, SAME_TOPIC) < 0.05              # measured: 0.0
    assert estimate(ORIGINAL, SAME_TOPIC) < 0.1
    index = NearDuplicateIndex()
    index.add("herald-1", ORIGINAL)
    assert index.add("post-3", SAME_TOPIC) is None
    assert index.add("wire-7", SYNDICATED) == "herald-1"


def test_the_most_similar_earlier_article_is_the_match():
    index = NearDuplicateIndex()
    index.add("original", ORIGINAL)
    index.add("syndicated", SYNDICATED)
    # a copy of the syndicated version is closer to it than to the original
    copy = SYNDICATED.replace("Thursday", "Thursday evening")
    assert index.match(copy) == Match("syndicated", pytest.approx(0.97, abs=0.03))
    assert index.add("copy", copy) == "syndicated"


def test_match_does_not_index():
    index = NearDuplicateIndex()
    index.add("herald-1", ORIGINAL)
    assert index.match(SYNDICATED).article_id == "herald-1"
    assert len(index) == 1 and "herald-1" in index


def test_re_adding_an_id_replaces_it_and_never_links_to_itself():
    index = NearDuplicateIndex()
    index.add("herald-1", ORIGINAL)
    assert index.add("herald-1", ORIGINAL) is None
    assert index.add("herald-1", SAME_TOPIC) is None          # a new version of the same id
    assert index.add("wire-7", SYNDICATED) is None            # the old text is forgotten
    assert len(index) == 2


def test_remove_forgets_an_article():
    index = NearDuplicateIndex()
    index.add("herald-1", ORIGINAL)
    index.remove("herald-1")
    index.remove("never-added")
    assert "herald-1" not in index
    assert index.add("wire-7", ORIGINAL) is None


@pytest.mark.parametrize("a, b, linked", [
    ("Talks resume in Eastford", "Talks resume in Eastford.", True),
    ("Talks resume in Eastford", "Talks collapse in Eastford", False),
    ("Ceasefire", "ceasefire!", True),
])
def test_short_texts(a, b, linked):
    index = NearDuplicateIndex()
    index.add("a", a)
    assert (index.add("b", b) == "a") is linked


def test_threshold_is_checked_and_used():
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)
    strict = NearDuplicateIndex(threshold=0.95)
    strict.add("herald-1", ORIGINAL)
    assert strict.add("wire-7", SYNDICATED) is None
    assert DEFAULT_THRESHOLD == 0.5


def synthetic_articles(count: int, seed: int = 7) -> list[str]:
    """Random 300-500 word texts over a Zipf-like vocabulary of 3,000 made-up words."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
                  for _ in range(3000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return [" ".join(rng.choices(vocabulary, weights, k=rng.randint(300, 500)))
            for _ in range(count)]


def test_two_thousand_articles_are_indexed_quickly_and_copies_found():
    articles = synthetic_articles(2000)
    index = NearDuplicateIndex()
    started = time.perf_counter()
    links = [index.add(f"a{i}", text) for i, text in enumerate(articles)]
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{elapsed:.2f} s"                    # measured: about 1 s
    assert links == [None] * 2000                              # no false links
    rng = random.Random(11)
    for i in range(0, 2000, 50):                               # 40 copies, 5 words changed
        words = articles[i].split()
        for _ in range(5):
            words[rng.randrange(len(words))] = "edited"
        assert index.add(f"copy{i}", " ".join(words)) == f"a{i}"


def test_links_do_not_depend_on_the_process_hash_seed():
    script = (
        "import json, sys\n"
        "from eventwire.ingest.dedup import NearDuplicateIndex\n"
        "texts = json.loads(sys.stdin.read())\n"
        "index = NearDuplicateIndex()\n"
        "print(json.dumps([index.add(str(i), t) for i, t in enumerate(texts)]))\n")
    texts = json.dumps([ORIGINAL, SAME_TOPIC, SYNDICATED] + synthetic_articles(30, seed=3))
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script], input=texts, text=True,
                              capture_output=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())[:3] == [None, None, "0"]


def test_removing_copies_keeps_the_others_findable():
    index = NearDuplicateIndex()
    for name in ("a", "b", "c"):
        index.add(name, ORIGINAL)
    index.remove("a")
    assert index.match(ORIGINAL) == Match("b", 1.0)
    index.remove("b")
    assert index.match(SYNDICATED).article_id == "c"
    index.remove("c")
    assert index.match(ORIGINAL) is None and len(index) == 0
