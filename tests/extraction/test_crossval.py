"""Cross-validation runs end to end on a tiny split written here."""

from __future__ import annotations

from pathlib import Path

from claims.extraction.crossval import cross_validate, main

TEXT = "The mayor said that taxes would fall. The governor argued that wages would rise.\n"
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 36\tthat taxes would fall\n"
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    "T4\tSource 38 50\tThe governor\n"
    "T5\tCue 51 57\targued\n"
    "T6\tContent 58 80\tthat wages would rise\n"
    "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n"
)


def _split(root: Path) -> Path:
    (root / "text").mkdir()
    (root / "attributions").mkdir()
    for name in ("a", "b", "c", "d"):
        (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (root / "attributions" / f"{name}_4e07.ann").write_text(ANN, encoding="utf-8")
    return root


def test_cross_validation_scores_every_article_once(nlp, tmp_path: Path, capsys) -> None:
    split = _split(tmp_path)
    result = cross_validate(split, folds=2)
    assert result["articles"] == 4
    assert result["gold"] == 8
    assert result["content_soft_prf"][2] > 0.5
    main([str(split), "--folds", "2"])
    assert "2-fold CV" in capsys.readouterr().out
