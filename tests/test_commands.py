import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def run_import(*paths):
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_txt_html_and_jsonl_directory(tmp_path, run_on_commit):
    (tmp_path / "a.txt").write_text("First headline\n“Yes,” he said.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Second</title></head><body><p>The minister said on Monday that the talks would continue next week in Geneva.</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c.jsonl").write_text(
        json.dumps(
            {
                "title": "Third",
                "body": "“No,” she said.",
                "url": "https://example.com/3",
                "outlet": "CNN",
                "byline": "A. Writer",
                "published": "2024-11-06",
            }
        )
        + "\n\n"
        + json.dumps({"title": "Fourth", "body": "“Maybe,” they said."})
        + "\n",
        encoding="utf-8",
    )
    with run_on_commit():
        out, _ = run_import(tmp_path)
    assert "4 created, 0 duplicate, 0 failed" in out
    third = Article.objects.get(title="Third")
    assert third.outlet.name == "CNN" and str(third.published) == "2024-11-06"
    assert Article.objects.get(title="First headline").body == "“Yes,” he said."


def test_import_counts_duplicates_without_failing(tmp_path, run_on_commit):
    path = tmp_path / "a.txt"
    path.write_text("Headline\nBody text.\n", encoding="utf-8")
    with run_on_commit():
        run_import(path)
    out, _ = run_import(path)
    assert "0 created, 1 duplicate, 0 failed" in out
    assert Article.objects.count() == 1


def test_import_failures_are_reported_and_exit_nonzero(tmp_path, run_on_commit):
    (tmp_path / "good.txt").write_text("Good\nFine text.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Title\n\xff\xfe\xfa")
    (tmp_path / "empty.html").write_text("", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"title": "x"}\nnot json\n', encoding="utf-8")
    with run_on_commit(), pytest.raises(CommandError) as excinfo:
        run_import(tmp_path, tmp_path / "missing.txt")
    assert excinfo.value.returncode == 1
    assert Article.objects.count() == 1


def test_import_command_exit_code_in_a_subprocess(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff")
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_articles", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "0 created, 0 duplicate, 1 failed" in result.stdout
    assert "not valid UTF-8" in result.stderr


def test_extract_claims_jsonl_contract(tmp_path):
    demo = ROOT / "tests/fixtures/kremlin-no-congratulations.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = StringIO()
    call_command("extract_claims", "--format", "jsonl", str(demo), str(empty), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["file"] for line in lines] == [str(demo), str(empty)]
    assert lines[1]["claims"] == []
    text = demo.read_text(encoding="utf-8")
    claims = lines[0]["claims"]
    assert claims, "the demo article has quotes"
    for claim in claims:
        assert set(claim) == {"text", "start", "end", "kind", "cue", "speaker", "via"}
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["kind"] in {"direct", "indirect", "mixed", "according_to"}
        if claim["cue"]:
            assert text[claim["cue"]["start"] : claim["cue"]["end"]] == claim["cue"]["text"]
        if claim["speaker"]:
            sp = claim["speaker"]
            assert set(sp) == {"name", "kind", "description", "mention", "start", "end"}
            assert text[sp["start"] : sp["end"]] == sp["mention"]
        assert claim["via"] is None or set(claim["via"]) == {"name"}


def test_extract_claims_touches_no_database(tmp_path, django_assert_num_queries):
    path = tmp_path / "a.txt"
    path.write_text("“We are ready,” the minister said.", encoding="utf-8")
    with django_assert_num_queries(0):
        call_command("extract_claims", "--format", "jsonl", str(path), stdout=StringIO())


def test_extract_claims_refuses_non_utf8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("extract_claims", str(path), stdout=StringIO())


def test_load_demo_is_idempotent_and_stores_the_demo_claims(run_on_commit):
    out = StringIO()
    with run_on_commit():
        call_command("load_demo", stdout=out)
    assert "Demo editor" in out.getvalue()
    call_command("load_demo", stdout=StringIO())
    article = Article.objects.get()
    assert article.extraction_state == "done"
    direct = article.claims.filter(kind="direct").select_related("speaker", "via_source")
    by_speaker = {(c.speaker.name, c.speaker.kind) for c in direct}
    assert ("Dmitry Peskov", "person") in by_speaker
    assert ("a parliamentary source", "anonymous") in by_speaker
    assert ("an anonymous Kremlin official", "anonymous") in by_speaker
    assert {c.via_source.name for c in direct if c.speaker.kind == "anonymous"} == {"Vyorstka"}
    peskov = direct.filter(speaker__name="Dmitry Peskov").first()
    assert peskov.speaker.description == "Kremlin spokesperson"
    assert peskov.text.startswith("“I’m not aware of any plans")
    added = article.claims.get(cue_text="added")
    assert added.speaker == peskov.speaker and added.speaker_mention == "he"


def test_demo_article_claims_are_shown(editor_client, run_on_commit):
    with run_on_commit():
        call_command("load_demo", stdout=StringIO())
    article = Article.objects.get()
    html = editor_client.get(article.get_absolute_url()).content.decode()
    for claim in article.claims.all():
        assert f'data-claim-id="{claim.pk}"' in html
    assert "Dmitry Peskov" in html and "a parliamentary source" in html


def test_extract_claims_offsets_point_into_crlf_files(tmp_path):
    path = tmp_path / "crlf.txt"
    raw = "Intro line.\r\n“We will not back down,” the minister said.\r\n"
    path.write_bytes(raw.encode("utf-8"))
    out = StringIO()
    call_command("extract_claims", str(path), stdout=out)
    claims = json.loads(out.getvalue())["claims"]
    assert claims
    for claim in claims:
        assert raw[claim["start"] : claim["end"]] == claim["text"]


def test_import_jsonl_with_a_lone_surrogate_does_not_crash(tmp_path, run_on_commit):
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "S", "body": "Broken \\ud800 escape, he said."}\n', encoding="utf-8")
    with run_on_commit():
        out, _ = run_import(path)
    assert "1 created, 0 duplicate, 0 failed" in out


def test_extract_claims_benchmark_prints_both_throughputs_and_the_ratio(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(
            f"“We are ready {i},” the minister said. Officials noted that talks resume.",
            encoding="utf-8",
        )
    out = StringIO()
    call_command("extract_claims", "--benchmark", str(tmp_path), stdout=out)
    report = out.getvalue()
    assert "bare nlp.pipe" in report and "extraction" in report
    assert "ratio extraction/parse" in report


def write_polnear_split(root: Path) -> Path:
    """A one-article split in PolNeAR's layout: text/ and BRAT attributions/."""
    text = "“We will not back down,” the minister said. Officials said talks would resume."
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "story.txt").write_text(text, encoding="utf-8")
    content_start, content_end = 0, text.index(",”") + 2
    source_start = text.index("the minister")
    ann = [
        f"T1\tContent {content_start} {content_end}\t{text[content_start:content_end]}",
        f"T2\tSource {source_start} {source_start + 12}\tthe minister",
        f"T3\tCue {source_start + 13} {source_start + 17}\tsaid",
        f"T4\tAttribution {source_start + 13} {source_start + 17}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
    ]
    (root / "attributions" / "story_ab12.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    return root


def test_evaluate_extraction_scores_a_polnear_split(tmp_path):
    split = write_polnear_split(tmp_path / "dev")
    out = StringIO()
    call_command("evaluate_extraction", "--polnear", str(split), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["gold"] == 1 and result["pred"] >= 1
    assert result["content_soft_prf"][1] == 1.0  # the direct quote is found
    assert result["source_acc"] == 1.0
    text_out = StringIO()
    call_command("evaluate_extraction", "--polnear", str(split), stdout=text_out)
    assert "content soft" in text_out.getvalue() and "end to end" in text_out.getvalue()


def test_evaluate_extraction_refuses_a_directory_that_is_not_a_split(tmp_path):
    with pytest.raises(CommandError, match="not a PolNeAR split"):
        call_command("evaluate_extraction", "--polnear", str(tmp_path), stdout=StringIO())
