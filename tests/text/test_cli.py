"""The text commands as a user runs them: output lines, JSON, stdin and one-line errors."""

import io
import json

import pytest

from seqboard.cli import main


def test_predict_command_one_line_per_sentence(tiny_run, capsys):
    assert main(["text", "predict", "--model", str(tiny_run), "a witty film", "a dull film"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    label, probability, sentence = lines[0].split("\t")
    assert label in ("neg", "pos")
    assert 0.5 <= float(probability) <= 1.0
    assert sentence == "a witty film"
    assert lines[1].split("\t")[2] == "a dull film"


def test_predict_command_json_from_stdin(tiny_run, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a witty film\n\nzyzzyva\n"))
    assert main(["text", "predict", "--model", str(tiny_run), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 3
    assert set(rows[0]["probabilities"]) == {"neg", "pos"}
    assert [row["sentence"] for row in rows] == ["a witty film", "", "zyzzyva"]
    assert rows[1]["note"].startswith("no tokens")
    assert rows[2]["note"].startswith("no known words")


def _error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "Traceback" not in err[0]
    return err[0]


def test_predict_command_missing_model(tmp_path, capsys):
    assert main(["text", "predict", "--model", str(tmp_path / "nothing"), "x"]) == 2
    assert "no trained model found" in _error_line(capsys)


def test_train_command_bad_line(tmp_path, tiny_files, capsys):
    bad = tmp_path / "train.tsv"
    bad.write_text("pos\tgood\nneg bad\n", encoding="utf-8")
    assert main(["text", "train", "--train", str(bad), "--test", str(tiny_files[1]), "--out", str(tmp_path / "o")]) == 2
    assert "train.tsv, line 2" in _error_line(capsys)


def test_train_command_needs_vectors_for_static(tiny_files, tmp_path, capsys):
    args = ["text", "train", "--train", str(tiny_files[0]), "--test", str(tiny_files[1]), "--mode", "static", "--out", str(tmp_path)]
    assert main(args) == 2
    assert "needs --vectors" in _error_line(capsys)


def test_train_command_wrong_vectors_file(tiny_files, tmp_path, capsys):
    args = ["text", "train", "--train", str(tiny_files[0]), "--test", str(tiny_files[1]), "--mode", "static",
            "--vectors", str(tiny_files[0]), "--out", str(tmp_path)]
    assert main(args) == 2
    assert "tiny_train.tsv is not a word-vectors file" in _error_line(capsys)


def test_train_command_user_files(tiny_files, tmp_path, capsys):
    args = ["text", "train", "--train", str(tiny_files[0]), "--test", str(tiny_files[1]), "--epochs", "1",
            "--quiet", "--out", str(tmp_path / "run")]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("test accuracy ")
    assert (tmp_path / "run" / "checkpoint" / "config.json").is_file()


def test_train_command_other_settings_in_out(tiny_files, tmp_path, capsys):
    base = ["text", "train", "--train", str(tiny_files[0]), "--test", str(tiny_files[1]), "--quiet", "--out", str(tmp_path)]
    assert main(base + ["--epochs", "1"]) == 0
    assert main(base + ["--epochs", "2"]) == 2
    assert "contains runs with other settings (epochs 1 there, 2 now)" in capsys.readouterr().err


def test_embed_command_small_corpus(tmp_path, capsys):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("a good film and a great film\n" * 30 + "a bad film and an awful film\n" * 30, encoding="utf-8")
    out = tmp_path / "vectors.bin"
    assert main(["text", "embed", "--corpus", str(corpus), "--dim", "12", "--min-count", "2", "--out", str(out)]) == 0
    from seqboard.text.vectors import load_vectors

    vectors = load_vectors(out)
    assert vectors.vector_size == 12
    assert "film" in vectors.key_to_index


def test_embed_command_empty_corpus(tmp_path, capsys):
    corpus = tmp_path / "empty.txt"
    corpus.write_text("")
    assert main(["text", "embed", "--corpus", str(corpus), "--out", str(tmp_path / "v.bin")]) == 2
    assert "gave no word seen 5 times" in capsys.readouterr().err
    assert not (tmp_path / "v.bin").exists()


def test_embed_command_missing_corpus(tmp_path, capsys):
    assert main(["text", "embed", "--corpus", str(tmp_path / "none.txt"), "--out", str(tmp_path / "v")]) == 2
    assert "corpus file" in _error_line(capsys)


def test_train_command_vectors_dimension_mismatch(tiny_files, tmp_path, capsys):
    vectors = tmp_path / "vectors.txt"
    vectors.write_text("good 0.1 0.2 0.3 0.4\nfilm 0.5 0.6 0.7 0.8\n", encoding="utf-8")
    args = ["text", "train", "--train", str(tiny_files[0]), "--test", str(tiny_files[1]), "--mode", "static",
            "--vectors", str(vectors), "--embedding-dim", "300", "--out", str(tmp_path / "run")]
    assert main(args) == 2
    assert "dimension 4, but the model expects 300" in _error_line(capsys)


def test_corpus_sentences_every_and_max_lines(tmp_path):
    from seqboard.text.embed import CorpusSentences

    corpus = tmp_path / "corpus.txt"
    corpus.write_text("".join(f"line{i} \u0085 word\n" for i in range(10)), encoding="utf-8")
    # Lines 0, 3, 6 and 9, cut to the first three; U+0085 is no line break and is dropped.
    assert list(CorpusSentences(corpus, max_lines=3, every=3)) == [["line0", "word"], ["line3", "word"], ["line6", "word"]]


def test_train_command_kim_settings(tiny_files, tmp_path, capsys):
    args = ["text", "train", "--train", str(tiny_files[0]), "--test", str(tiny_files[1]), "--epochs", "1",
            "--quiet", "--init", "kim", "--dropout-scaling", "test", "--batches", "kim", "--out", str(tmp_path)]
    assert main(args) == 0
    assert json.loads((tmp_path / "checkpoint" / "config.json").read_text())["config"]["dropout_scaling"] == "test"
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["init"] == "kim"
    assert summary["batches"] == "kim"


def test_train_command_unknown_init(tiny_files, tmp_path, capsys):
    args = ["text", "train", "--train", str(tiny_files[0]), "--test", str(tiny_files[1]), "--init", "glorot",
            "--out", str(tmp_path)]
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "invalid choice: 'glorot'" in capsys.readouterr().err
