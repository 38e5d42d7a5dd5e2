"""Tests for eventwire.ingest.tabular through read_paths: CSV and TSV tables of articles."""

from __future__ import annotations

import csv
import io

import pytest

from eventwire.ingest import tabular
from eventwire.model import Article, Rejection
from _reading import only, read, write

FIRST = ("The foreign ministers of two coastal states met in a harbour town on Tuesday and "
         "agreed to share their fishing grounds for the next five years, officials said.")
STORM = ("Heavy rain flooded the lower districts of a river port on Monday, and the regional "
         "government asked the army to help move families to higher ground.")
FRENCH = ("Les ministres des deux pays se sont réunis mardi dans le port et ont convenu de "
          "partager leurs zones de pêche pendant les cinq prochaines années.")


def table(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()




def test_csv_rows_become_articles(tmp_path):
    path = write(tmp_path / "batch.csv", table([
        ["ID", "Date", "Title", "Text", "URL", "Source", "section"],
        ["fish-1", "2025-03-04", "Fishing deal", FIRST, "https://x.example/1", "Herald", "world"],
        ["", "", "", STORM, "", "", ""],
    ]))
    first, second = read(path, date="2025-03-10")
    assert first == Article(id="fish-1", text=f"Fishing deal\n\n{FIRST}", date="2025-03-04",
                            title="Fishing deal", url="https://x.example/1", source="Herald",
                            origin=f"{path}:2")
    # empty cells are missing values: id from the text, date from the argument
    assert second.id.startswith("sha256-") and second.date == "2025-03-10"
    assert (second.title, second.url, second.source) == (None, None, None)
    assert second.origin == f"{path}:3"


def test_published_column_gives_local_date(tmp_path):
    path = write(tmp_path / "batch.csv", table([
        ["id", "published", "text"], ["a", "2025-03-03T22:15:00-04:00", FIRST]]))
    article = only(read(path))
    assert (article.date, article.published) == ("2025-03-03", "2025-03-03T22:15:00-04:00")


def test_bad_rows_are_rejected_and_the_rest_go_on(tmp_path):
    path = write(tmp_path / "batch.csv", table([
        ["id", "date", "text"],             # line 1
        ["a", "2025-03-04", FIRST],         # 2
        ["b", "2025-02-30", FIRST],         # 3 not a real date
        ["c", "2025-03-04"],                # 4 a field short
        ["d", "2025-03-04", STORM, "x"],    # 5 a field too many
        [],                                 # 6 blank: skipped
        ["e", "2025-03-04", "  "],          # 7 empty text
        ["f", "2025-03-04", FRENCH],        # 8 not English
        ["g", "2025-03-04", STORM, ""],     # 9 a trailing empty field is tolerated
    ]))
    results = read(path)
    by_line = {int(r.origin.rsplit(":", 1)[1]): r for r in results}
    assert sorted(by_line) == [2, 3, 4, 5, 7, 8, 9]
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "g"]
    assert by_line[3].reason.startswith("not a real date: 2025-02-30")
    assert by_line[3].article_id == "b"
    assert by_line[4] == Rejection(f"{path}:4", "row has 2 fields, the header has 3")
    assert by_line[5] == Rejection(f"{path}:5", "row has 4 fields, the header has 3")
    assert by_line[7].reason == "empty text"
    assert by_line[8].reason.startswith("not English")


def test_quoted_field_over_several_lines_keeps_row_numbers(tmp_path):
    path = write(tmp_path / "batch.csv", table([
        ["id", "date", "text"],
        ["a", "2025-03-04", f"{FIRST}\n\nSecond paragraph, with a comma."],
        ["b", "2025-03-04", STORM],
    ]))
    first, second = read(path)
    assert first.text == f"{FIRST}\n\nSecond paragraph, with a comma."
    assert (first.origin, second.origin) == (f"{path}:2", f"{path}:5")


def test_tsv(tmp_path):
    path = write(tmp_path / "batch.tsv", table([["id", "date", "text"],
                                               ["a", "2025-03-04", FIRST]], delimiter="\t"))
    assert only(read(path)).text == FIRST


def test_bom_header_is_recognised(tmp_path):
    path = write(tmp_path / "excel.csv",
                 "\ufeff" + table([["Text", "Date"], [FIRST, "2025-03-04"]]))
    assert only(read(path)).date == "2025-03-04"


def test_long_field_is_read(tmp_path):
    long_text = (FIRST + " ") * 2000  # about 330,000 characters, past csv's default limit
    path = write(tmp_path / "long.csv",
                 table([["id", "date", "text"], ["a", "2025-03-04", long_text]]))
    assert only(read(path)).text == long_text


@pytest.mark.parametrize("content, reason", [
    ("", "empty file: no header row"),
    ("\n\n", "empty file: no header row"),
    ("id,date,text\n", "no rows under the header"),
    ("id,date,body\na,2025-03-04,words\n", "no 'text' column in the header "
                                           "(columns: 'id', 'date', 'body')"),
    ("id,text,TEXT\na,b,c\n", "column 'text' appears more than once in the header"),
])
def test_unusable_tables_are_rejected(tmp_path, content, reason):
    path = write(tmp_path / "bad.csv", content)
    assert only(read(path)) == Rejection(str(path), reason)


def test_undecodable_line_ends_the_file_after_the_good_rows(tmp_path):
    good = table([["id", "date", "text"], ["a", "2025-03-04", FIRST]]).encode()
    path = write(tmp_path / "latin1.csv", good + "b,2025-03-04,caf\u00e9\r\n".encode("latin-1"))
    article, rejection = read(path)
    assert isinstance(article, Article)
    assert rejection == Rejection(str(path), "not valid UTF-8 at line 3 (byte 0xe9 at column 17)")


def test_nul_bytes_end_the_file_with_the_line(tmp_path):
    path = write(tmp_path / "nul.csv", b"id,date,text\na,2025-03-04,\x00\x00\n")
    assert only(read(path)) == Rejection(str(path),
                                         "binary content (NUL bytes) at line 2, not text")


def test_unterminated_quote_is_an_error_not_the_rest_of_the_file(tmp_path):
    plain = STORM.replace(",", "")
    path = write(tmp_path / "quote.csv", f'id,text\nz,{plain}\na,"{FIRST}\nb,{plain}\n')
    article, rejection = read(path)
    assert article.id == "z"
    assert rejection == Rejection(str(path), "bad CSV at line 3: unexpected end of data")


def test_quotes_inside_unquoted_fields_are_text(tmp_path):
    plain = STORM.replace(",", "")
    path = write(tmp_path / "quotes.csv", f'id,text\na,The minister said "yes" to {plain}\n')
    assert only(read(path)).text == f'The minister said "yes" to {plain}'


def test_line_over_size_limit_is_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_INPUT_BYTES", 1000)
    path = write(tmp_path / "big.csv", "id,text\na," + "word " * 1000 + "\n")
    assert only(read(path)).reason.startswith("line 2 is too large: ")


def test_tables_in_a_folder(tmp_path):
    write(tmp_path / "in" / "b.tsv", table([["id", "text"], ["tsv-row", FIRST]], "\t"))
    write(tmp_path / "in" / "a.csv", table([["id", "text"], ["csv-row", STORM]]))
    assert [r.id for r in read(tmp_path / "in")] == ["csv-row", "tsv-row"]
