"""The `seqboard` command line: groups, help and one-line errors."""

import subprocess
import sys

import pytest

from seqboard.cli import main
from seqboard.core.errors import SeqboardError


def test_cli_help_lists_groups(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--help"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    for group in ("text", "go", "vision"):
        assert group in out


def test_cli_python_module_help():
    result = subprocess.run([sys.executable, "-m", "seqboard", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert "{text,go,vision}" in result.stdout


def test_cli_user_error_is_one_line(monkeypatch, capsys):
    import seqboard.cli as cli

    def failing(args):
        raise SeqboardError("file x.txt not found; pass an existing file")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser.set_defaults(func=failing)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err == "seqboard: error: file x.txt not found; pass an existing file\n"


def test_cli_group_without_command_prints_help(capsys):
    assert main(["vision"]) == 2
    assert "usage: seqboard vision" in capsys.readouterr().err
