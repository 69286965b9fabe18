"""Two CPU processes train with DistributedDataParallel (gloo on the loopback interface)."""

import os
import socket

import torch
import torch.multiprocessing as mp
from safetensors.torch import load_file, save_file

from seqboard.go.batches import rank_entries
from seqboard.go.policy import PolicyConfig
from seqboard.go.shards import read_index
from seqboard.go.train import TrainOptions, train_policy

WORLD_SIZE = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_rank(rank: int, data: str, out: str, port: int) -> None:
    os.environ.update(
        MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(WORLD_SIZE)
    )
    torch.set_num_threads(1)
    options = TrainOptions(
        data=data, out=out, model=PolicyConfig(filters=8, layers=3), epochs=2, steps_per_epoch=3,
        batch_size=8, lr=0.05, device="cpu", quiet=True,
    )
    model, _ = train_policy(options)
    save_file({name: value.contiguous() for name, value in model.state_dict().items()}, f"{out}/rank{rank}.safetensors")
    torch.distributed.destroy_process_group()


def test_ddp_two_ranks_identical_weights(synthetic_folder, tmp_path):
    index = read_index(synthetic_folder)
    assert {e.file for e in rank_entries(index, "train", 0, 2)}.isdisjoint(e.file for e in rank_entries(index, "train", 1, 2))

    out = tmp_path / "run"
    out.mkdir()
    mp.spawn(run_rank, args=(str(synthetic_folder), str(out), free_port()), nprocs=WORLD_SIZE, join=True)

    first = load_file(str(out / "rank0.safetensors"))
    second = load_file(str(out / "rank1.safetensors"))
    assert first.keys() == second.keys()
    for name in first:
        assert torch.equal(first[name], second[name]), name
    assert (out / "metrics.json").is_file()  # rank 0 alone writes the run record
