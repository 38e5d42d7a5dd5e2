"""`eventwire timeline`: each dyad's merged events and current states, from a real store."""

from click.testing import CliRunner

from eventwire.cli import main


def test_timeline_prints_each_dyad_with_events_and_states(tmp_path, coder, monkeypatch):
    monkeypatch.setattr("eventwire.pipeline.Coder.load", classmethod(lambda cls, *a, **k: coder))
    (tmp_path / "a.txt").write_text(
        "date 2024-03-04 Border shut\n\nGuatemala closed its border crossings with Honduras on "
        "Sunday after clashes between the two countries' troops.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "date 2024-03-06 Talks open\n\nTalks between Guatemala and Honduras opened in San "
        "Salvador on Tuesday.\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(tmp_path), "--db", db, "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["timeline", "--db", db])
    assert result.exit_code == 0, result.output
    assert "== GTM-HND:" in result.output
    assert "CONSULT" in result.output and "COERCE" in result.output
    assert "border" in result.output and "closed" in result.output
    one = runner.invoke(main, ["timeline", "--db", db, "--dyad", "HND-GTM", "--min-mentions", "5"])
    assert one.exit_code == 0 and "0 events" in one.output
    few = runner.invoke(main, ["timeline", "--db", db, "--min-events", "50"])
    assert few.exit_code == 0 and "GTM-HND" not in few.output
