"""Every course example runs once with --dry-run, in this process (MNIST loads once)."""

import runpy
import sys
from pathlib import Path

import pytest

from tests.vision.conftest import data_root

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCRIPTS = ["mnist_1conv.py", "mnist_2conv.py", "lenet5.py", "alexnet_shapes.py", "model_120x160.py", "ensemble.py"]
NEEDS_MNIST = {"mnist_1conv.py", "mnist_2conv.py", "lenet5.py", "ensemble.py"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_dry_run(script, monkeypatch, capsys, request):
    if script in NEEDS_MNIST:
        request.getfixturevalue("mnist_root")  # skips, with the reason, when MNIST is absent
    monkeypatch.syspath_prepend(str(EXAMPLES))
    arguments = [script, "--dry-run"]
    if script in NEEDS_MNIST:
        # The fixtures' data root, so the test does not depend on $SEQBOARD_DATA being set.
        arguments += ["--data-root", str(data_root())]
    monkeypatch.setattr(sys, "argv", arguments)

    with pytest.raises(SystemExit) as exit_info:
        runpy.run_path(str(EXAMPLES / script), run_name="__main__")

    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip()
