"""The PolNeAR scorer and the throughput benchmark, on tiny inputs written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction.benchmark import benchmark, format_benchmark
from claims.extraction.evaluate import evaluate_polnear, format_report, score_predictions

TEXT = "“We will win,” she said. The mayor said that taxes would fall.\n"
ANN = (
    "T1\tContent 0 14\t“We will win,”\n"
    "T2\tCue 19 23\tsaid\n"
    "T3\tSource 15 18\tshe\n"
    "T4\tAttribution 19 23\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n"
    "T5\tSource 25 34\tThe mayor\n"
    "T6\tCue 35 39\tsaid\n"
    "T7\tContent 40 62\tthat taxes would fall\n"
    "T8\tAttribution 35 39\tsaid\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
)


@pytest.fixture
def split(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_4e07.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_perfect_predictions_score_one(split: Path) -> None:
    predictions = {
        "a.txt": [
            {"start": 0, "end": 14, "kind": "direct", "speaker": {"start": 15, "end": 18}},
            {"start": 40, "end": 61, "kind": "indirect", "speaker": {"start": 25, "end": 34}},
        ]
    }
    result = score_predictions(split, predictions)
    assert result["content_soft_prf"] == (1.0, 1.0, 1.0)
    assert result["content_exact_prf"] == (1.0, 1.0, 1.0)
    assert result["source_acc"] == 1.0
    assert result["per_kind"]["direct"]["recall"] == 1.0
    assert result["per_kind"]["indirect"]["gold"] == 1


def test_wrong_speaker_fails_end_to_end(split: Path) -> None:
    predictions = {
        "a.txt": [{"start": 0, "end": 14, "kind": "direct", "speaker": {"start": 40, "end": 45}}]
    }
    result = score_predictions(split, predictions)
    assert result["content_soft_prf"][0] == 1.0
    assert result["source_acc"] == 0.0
    assert result["end_to_end_prf"] == (0.0, 0.0, 0.0)


def test_evaluate_runs_the_extractor(nlp, split: Path) -> None:
    result = evaluate_polnear(split)
    assert result["articles"] == 1
    assert result["content_soft_prf"][2] > 0.5
    assert "content soft" in format_report(result)


def test_benchmark_reports_both_runs(nlp) -> None:
    result = benchmark([TEXT, TEXT * 3], repeats=1, warmup=1)
    assert result["articles"] == 2
    assert result["parse"]["articles_per_s"] > 0
    assert result["extract"]["chars_per_s"] > 0
    assert result["ratio"] > 0
    assert "ratio extraction/parse" in format_benchmark(result)
