"""Training runs: max-norm after every update, a real MR subset, resumable protocol."""

import json

import pytest
import torch

from seqboard.core.adadelta import Adadelta
from seqboard.text.datasets import Example, TextDataset, load_dataset
from seqboard.text.errors import TextError
from seqboard.text.folds import stratified_folds
from seqboard.text.model import SentenceCNN
from seqboard.text.protocol import _splits, _train_in_parallel, finished_run, run_protocol
from seqboard.text.training import RunSettings, Split, build_model, train_split
from seqboard.text.userdata import load_user_dataset


def test_train_split_applies_max_norm_after_every_step(tmp_path, tiny_files, monkeypatch):
    calls, optimizer_steps = [], []
    original = SentenceCNN.apply_max_norm

    def recording(model):
        original(model)
        calls.append(model.head.output.weight.norm(dim=1).max().item())

    original_step = Adadelta.step

    def counting_step(self, *args, **kwargs):
        optimizer_steps.append(1)
        return original_step(self, *args, **kwargs)

    monkeypatch.setattr(SentenceCNN, "apply_max_norm", recording)
    monkeypatch.setattr(Adadelta, "step", counting_step)

    dataset = load_user_dataset(*tiny_files)
    split = Split(dataset.train, dataset.test, dataset.test, dataset.label_names, "kim")
    train_split(split, RunSettings(epochs=2, batch_size=5, embedding_dim=8, quiet=True), tmp_path)
    # 12 training sentences in batches of 5: 3 updates an epoch, 2 epochs.
    assert len(optimizer_steps) == 6
    assert len(calls) == 6
    assert max(calls) <= 3.0 + 1e-5

    # Kim's fixed batches fill the last batch with repeated sentences: still 3 updates an epoch.
    optimizer_steps.clear()
    train_split(split, RunSettings(epochs=2, batch_size=5, embedding_dim=8, quiet=True, batches="kim"), tmp_path / "kim")
    assert len(optimizer_steps) == 6


def test_train_split_one_epoch_mr_subset_beats_majority(data_root, glove_vectors, tmp_path):
    mr = load_dataset("mr", data_root)
    folds = stratified_folds(mr.train, 10, seed=0)
    train = [mr.train[i] for fold in folds[:2] for i in fold]
    dev = [mr.train[i] for i in folds[3][:300]]
    test = [mr.train[i] for i in folds[4]]
    majority = max(sum(e.label == c for e in test) for c in (0, 1)) / len(test)

    split = Split(train, dev, test, mr.label_names, mr.tokenizer)
    final = train_split(split, RunSettings(mode="static", epochs=1, quiet=True), tmp_path, glove_vectors)
    assert majority < 0.51
    # 1066 test sentences: one standard error of a 50% guess is about 1.5 points.
    assert final["test_accuracy"] > majority + 0.05
    assert final["words_with_vectors"] > 0.8 * final["vocabulary_size"]


def test_run_protocol_writes_metrics_and_checkpoint(tiny_run):
    metrics = json.loads((tiny_run / "metrics.json").read_text())
    assert metrics["final"]["test_examples"] == 4
    assert len(metrics["history"]) == 3
    assert {"train_loss", "dev_accuracy"} <= set(metrics["history"][0])
    assert (tiny_run / "checkpoint" / "model.safetensors").is_file()
    assert json.loads((tiny_run / "checkpoint" / "vocabulary.json").read_text())[:2] == ["<pad>", "<unk>"]


def test_run_protocol_skips_finished_folds(tmp_path, monkeypatch):
    train = [Example(i % 2, f"{'good' if i % 2 else 'bad'} film number {i}") for i in range(40)]
    dataset = TextDataset("toy", ("neg", "pos"), "kim", train)
    settings = RunSettings(epochs=1, embedding_dim=8, quiet=True)
    first = run_protocol(dataset, settings, tmp_path, folds_to_run=2)
    assert first["runs_done"] == 2
    assert first["runs_planned"] == 10
    assert json.loads((tmp_path / "metrics.json").read_text())["final"]["runs_done"] == 2
    assert (tmp_path / "fold-02" / "checkpoint" / "config.json").is_file()

    trained = []
    monkeypatch.setattr("seqboard.text.protocol.train_split", lambda *a, **k: trained.append(1) or {"test_accuracy": 0.5})
    second = run_protocol(dataset, settings, tmp_path, folds_to_run=3)
    # Folds 1 and 2 are read back from disk; only fold 3 trains.
    assert len(trained) == 1
    assert second["test_accuracies"][:2] == first["test_accuracies"]


def test_keep_pretrained_words_absent_from_training(tiny_files):
    from gensim.models import KeyedVectors

    vectors = KeyedVectors(vector_size=4)
    vectors.add_vectors(["witty", "masterpiece"], torch.tensor([[1.0, 2.0, 3.0, 4.0], [0.5, 0.5, 0.5, 0.5]]).numpy())
    dataset = load_user_dataset(*tiny_files)
    split = Split(dataset.train, dataset.test, dataset.test, dataset.label_names, "kim")
    settings = RunSettings(mode="multichannel", keep_pretrained=True)
    model, vocab, _ = build_model(split, settings, vectors, torch.Generator().manual_seed(0))

    # "masterpiece" never occurs in training but keeps its vector in the static channel.
    assert "masterpiece" in vocab
    index = vocab.index["masterpiece"]
    assert torch.equal(model.static.weight[index], torch.tensor([0.5, 0.5, 0.5, 0.5]))

    plain, _, _ = build_model(split, RunSettings(mode="multichannel"), vectors, torch.Generator().manual_seed(0))
    assert plain.config.vocab_size == model.config.vocab_size - 1


def test_parallel_folds_match_serial(tmp_path):
    train = [Example(i % 2, f"{'good' if i % 2 else 'bad'} film number {i}") for i in range(40)]
    dataset = TextDataset("toy", ("neg", "pos"), "kim", train)
    settings = RunSettings(epochs=2, embedding_dim=8, quiet=True)

    serial = run_protocol(dataset, settings, tmp_path / "serial", folds_to_run=3)
    parallel = run_protocol(dataset, settings, tmp_path / "parallel", folds_to_run=3, jobs=2)

    # Each fold has its own seed and data, so running two at once changes no figure.
    assert parallel["runs_done"] == 3
    assert parallel["test_accuracies"] == serial["test_accuracies"]
    for fold in ("fold-01", "fold-02", "fold-03"):
        serial_history = json.loads((tmp_path / "serial" / fold / "metrics.json").read_text())["history"]
        parallel_history = json.loads((tmp_path / "parallel" / fold / "metrics.json").read_text())["history"]
        # Workers run one torch thread each, which may change float sums in the last bits:
        # a few parts in a million, where another seed or fold would differ in the second digit.
        serial_losses = [e["train_loss"] for e in serial_history]
        assert [e["train_loss"] for e in parallel_history] == pytest.approx(serial_losses, rel=1e-5)


def test_parallel_folds_save_progress(tmp_path):
    # The summary, which also guards a resumed run's settings, must follow each finished
    # fold, not wait for the whole row: a row stopped part way is then still guarded.
    train = [Example(i % 2, f"{'good' if i % 2 else 'bad'} film number {i}") for i in range(40)]
    dataset = TextDataset("toy", ("neg", "pos"), "kim", train)
    settings = RunSettings(epochs=1, embedding_dim=8, quiet=True)
    pending = list(_splits(dataset, settings, num_folds=10, folds_to_run=2))

    finished_on_disk = []

    def on_finished():
        finished_on_disk.append(sum(finished_run(tmp_path / name) is not None for name, _ in pending))

    _train_in_parallel("toy", pending, settings, tmp_path, None, None, 2, on_finished)
    # One call per fold, each after that fold's metrics are on disk. Two folds that end
    # at the same moment may both be on disk at the first call.
    assert len(finished_on_disk) == 2
    assert finished_on_disk[0] >= 1
    assert finished_on_disk[1] == 2


def test_build_model_kim_init(tiny_files):
    dataset = load_user_dataset(*tiny_files)
    split = Split(dataset.train, dataset.test, dataset.test, dataset.label_names, "kim")
    settings = RunSettings(embedding_dim=8, init="kim", dropout_scaling="test")
    model, _, _ = build_model(split, settings, None, torch.Generator().manual_seed(0))
    assert not model.head.output.weight.any()
    assert model.config.dropout_scaling == "test"

    with pytest.raises(TextError, match="invalid init 'glorot'"):
        build_model(split, RunSettings(embedding_dim=8, init="glorot"), None, torch.Generator().manual_seed(0))


def test_protocol_rejects_other_init(tmp_path, tiny_files):
    dataset = load_user_dataset(*tiny_files)
    kim = RunSettings(epochs=1, embedding_dim=8, quiet=True, init="kim", dropout_scaling="test")
    summary = run_protocol(dataset, kim, tmp_path / "kim")
    assert (summary["init"], summary["dropout_scaling"]) == ("kim", "test")
    with pytest.raises(TextError, match="init 'kim' there, 'torch' now, dropout_scaling 'test' there, 'train' now"):
        run_protocol(dataset, RunSettings(epochs=1, embedding_dim=8, quiet=True), tmp_path / "kim")

    # A summary from before these settings were recorded counts as torch's defaults.
    plain = RunSettings(epochs=1, embedding_dim=8, quiet=True)
    run_protocol(dataset, plain, tmp_path / "old")
    path = tmp_path / "old" / "summary.json"
    old = {key: value for key, value in json.loads(path.read_text()).items() if key not in ("init", "dropout_scaling")}
    path.write_text(json.dumps(old))
    assert run_protocol(dataset, plain, tmp_path / "old")["runs_done"] == 1
    with pytest.raises(TextError, match="init 'torch' there, 'kim' now"):
        run_protocol(dataset, kim, tmp_path / "old")


def test_train_split_calls_on_epoch(tmp_path, tiny_files):
    dataset = load_user_dataset(*tiny_files)
    split = Split(dataset.train, dataset.test, dataset.test, dataset.label_names, "kim")
    seen = []

    def on_epoch(model, vocab, record):
        seen.append((record.epoch, model.config.vocab_size == len(vocab), record.dev["accuracy"]))

    train_split(split, RunSettings(epochs=3, embedding_dim=8, quiet=True), tmp_path, on_epoch=on_epoch)
    assert [epoch for epoch, _, _ in seen] == [1, 2, 3]
    assert all(matches for _, matches, _ in seen)
    history = json.loads((tmp_path / "metrics.json").read_text())["history"]
    assert [accuracy for _, _, accuracy in seen] == [row["dev_accuracy"] for row in history]
