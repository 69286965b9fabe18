"""Throughput of Kim's CNN on MR: training and prediction sentences per second.

Training runs one shortened epoch through the shared Trainer (forward, loss, backward,
Adadelta, max-norm) on packed batches. It counts the floating-point operations of the
convolutions over the packed sequences and of the output layer, to give the share of
this machine's measured fp32 matrix-multiply rate that training reaches.
Prediction goes through `SentenceClassifier.probabilities`, tokenisation included, at
batch sizes 1 and 256.

    python benchmarks/text_throughput.py --threads 1 --mode rand

Results go to stdout as JSON lines; see docs/results-text.md for recorded figures.
"""

import argparse
import json
import tempfile
import time

import torch

from seqboard.core.adadelta import Adadelta
from seqboard.core.dataroot import data_root
from seqboard.core.training import TrainConfig, Trainer
from seqboard.text.batching import PackedBatch, batches
from seqboard.text.datasets import load_dataset
from seqboard.text.predict import SentenceClassifier
from seqboard.text.tokenize import clean_str
from seqboard.text.training import RunSettings, Split, build_model


def matmul_rate(size: int = 1024, repeats: int = 20) -> float:
    """Return the measured fp32 matrix-multiply rate in FLOP/s: 2 * size^3 per product."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    a @ b  # warm-up
    started = time.perf_counter()
    for _ in range(repeats):
        a @ b
    return 2 * size**3 * repeats / (time.perf_counter() - started)


def training_flops(model, inputs: PackedBatch) -> float:
    """Return the FLOPs of one training step's convolutions and output layer, forward and backward.

    The batch is packed into one sequence of T positions. A window of width h over
    E-sized vectors with `maps` filters costs 2 * h * E * maps per position, at T - h + 1
    positions. The channels are summed before the convolution, so two cost as much as one.
    The backward pass computes the weights' gradient, as costly as the forward pass, and
    the input's gradient as well when an embedding is trained.
    """
    config = model.config
    length = inputs.ids.numel()
    forward = sum(
        2 * (length - h + 1) * h * config.embedding_dim * config.feature_maps
        for h in config.windows
    )
    forward += 2 * len(inputs) * model.convolutions.out_features * config.num_classes
    passes = 3.0 if model.tuned is not None else 2.0
    return passes * forward


def measure_training(split: Split, mode: str, steps: int, vectors) -> dict:
    """Train `steps` batches of 50 through the Trainer and return sentences/s and FLOP/s."""
    settings = RunSettings(mode=mode, quiet=True)
    model, vocab, _ = build_model(split, settings, vectors, torch.Generator().manual_seed(0))
    ids = [vocab.encode(clean_str(e.text)) for e in split.train[: steps * settings.batch_size]]
    labels = [e.label for e in split.train[: len(ids)]]
    config = model.config
    batch_list = list(batches(ids, labels, settings.batch_size, config.pad_left, config.pad_right, torch.Generator().manual_seed(0)))

    optimizer = Adadelta([p for p in model.parameters() if p.requires_grad], rho=0.95, eps=1e-6)
    with tempfile.TemporaryDirectory() as out:
        trainer = Trainer(model, optimizer, TrainConfig(epochs=1, quiet=True), out_dir=out, checkpoint_kind="benchmark",
                          checkpoint_config={}, after_step=lambda m: m.apply_max_norm(), log_epoch=lambda record: None)
        record = trainer.fit(lambda epoch: batch_list)[0]
    flops = sum(training_flops(model, inputs) for inputs, _ in batch_list)
    return {"sentences_per_second": len(ids) / record.seconds, "flops_per_second": flops / record.seconds, "model": model, "vocab": vocab}


def measure_prediction(classifier: SentenceClassifier, sentences: list[str], batch_size: int) -> float:
    """Return sentences/s of `classifier.probabilities` at `batch_size`, tokenisation included."""
    classifier.probabilities(sentences[:batch_size], batch_size)  # warm-up
    started = time.perf_counter()
    classifier.probabilities(sentences, batch_size)
    return len(sentences) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--data-root", help="data root (default: $SEQBOARD_DATA, else ./data)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--mode", default="rand", choices=("rand", "static", "non-static", "multichannel"))
    parser.add_argument("--vectors", help="vectors file, needed for modes other than rand")
    parser.add_argument("--steps", type=int, default=40, help="training batches of 50 to time")
    parser.add_argument("--predict-sentences", type=int, default=1000, help="MR sentences to classify per batch size")
    args = parser.parse_args()
    if args.mode != "rand" and not args.vectors:
        parser.error(f"mode {args.mode} needs --vectors PATH, e.g. $SEQBOARD_DATA/vectors/glove.6B.50d.kimvocab.txt")
    torch.set_num_threads(args.threads)

    from seqboard.text.vectors import load_vectors

    vectors = load_vectors(args.vectors) if args.vectors else None
    mr = load_dataset("mr", data_root(args.data_root))
    order = torch.randperm(len(mr.train), generator=torch.Generator().manual_seed(0)).tolist()
    shuffled = [mr.train[i] for i in order]
    split = Split(shuffled, shuffled[:1], shuffled[:1], mr.label_names, mr.tokenizer)

    rate = matmul_rate()
    training = measure_training(split, args.mode, args.steps, vectors)
    classifier = SentenceClassifier(training["model"], training["vocab"], list(mr.label_names), mr.tokenizer)
    sentences = [e.text for e in shuffled[: args.predict_sentences]]
    result = {
        "mode": args.mode,
        "threads": args.threads,
        "matmul_gflops": rate / 1e9,
        "train_sentences_per_second": training["sentences_per_second"],
        "train_gflops": training["flops_per_second"] / 1e9,
        "train_share_of_matmul_rate": training["flops_per_second"] / rate,
        "predict_sentences_per_second_batch1": measure_prediction(classifier, sentences, 1),
        "predict_sentences_per_second_batch256": measure_prediction(classifier, sentences, 256),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
