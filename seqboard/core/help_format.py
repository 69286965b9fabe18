"""The help formatter that prints option defaults in every `seqboard` command's `--help`.

argparse's own ArgumentDefaultsHelpFormatter appends "(default: ...)" to every option,
which prints "(default: None)" on required options and on options whose help already
explains what happens when they are unset. This formatter appends the default only
where it adds information.
"""

import argparse


class DefaultsHelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Help formatter that appends "(default: X)" unless X is None or False, or the help mentions a default."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default

        if default is None or default is False or default is argparse.SUPPRESS:
            return text
        if "default" in text.lower():
            return text
        if action.required or not action.option_strings:
            return text

        return super()._get_help_string(action)
