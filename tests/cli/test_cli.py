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


def _all_commands():
    """Yield (group, command, parser) for every command under every group."""
    import argparse

    import seqboard.cli as cli

    def sub_parsers(parser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action.choices
        return {}

    for group_name, group in sub_parsers(cli.build_parser()).items():
        for command_name, command in sub_parsers(group).items():
            yield group_name, command_name, command


def test_help_omits_empty_defaults():
    commands = list(_all_commands())
    assert len(commands) >= 10

    for group, command, parser in commands:
        text = " ".join(parser.format_help().split())
        assert "(default: None)" not in text, f"{group} {command}"
        assert "(default: False)" not in text, f"{group} {command}"


def test_help_keeps_real_defaults():
    helps = {(group, command): " ".join(parser.format_help().split()) for group, command, parser in _all_commands()}

    # go train defaults to 64 filters and 8 layers; text train to Kim's 25 epochs.
    assert "(default: 64)" in helps[("go", "train")]
    assert "(default: 8)" in helps[("go", "train")]
    assert "training epochs (Kim: 25) (default: 25)" in helps[("text", "train")]


def test_help_states_default_once():
    for group, command, parser in _all_commands():
        for action in parser._actions:
            help_text = parser._get_formatter()._expand_help(action) if action.help else ""
            assert help_text.lower().count("default") <= 1, f"{group} {command} {action.option_strings}"
