"""Kim's (2014) sentence tokenisation: the `clean_str` rules and the lighter SST variant.

Both keep only ASCII letters, digits and the characters ( ) , ! ? ' ` and replace
every other character (accented letters, dashes, emoji, control characters) with a
space. The full rules then split English clitics ('s 've n't 're 'd 'll) and the
punctuation , ! ( ) ? into tokens of their own. A sentence is lower-cased, except
that TREC keeps its case because capitals help tell question types apart.

Kim's Python code wrote the brackets as `\\(` and `\\)` tokens, an artefact of its
regular-expression replacement strings; here they are plain `(` and `)`.
"""

import re

from seqboard.text.errors import TextError

# Every character outside this set becomes a space.
_DROPPED = re.compile(r"[^A-Za-z0-9(),!?'`]")

# Clitics split from the word in front of them: "isn't" -> "is n't".
_CLITICS = re.compile(r"('s|'ve|n't|'re|'d|'ll)")

# Punctuation that becomes a token of its own.
_PUNCTUATION = re.compile(r"([,!()?])")

_SPACES = re.compile(r"\s+")


def clean_str(sentence: str, lowercase: bool = True) -> list[str]:
    """Split `sentence` into tokens by Kim's full rules (MR, Subj, TREC, CR, MPQA)."""
    text = _DROPPED.sub(" ", sentence)
    text = _CLITICS.sub(r" \1", text)
    text = _PUNCTUATION.sub(r" \1 ", text)
    if lowercase:
        text = text.lower()
    return _SPACES.split(text.strip()) if text.strip() else []


def clean_str_sst(sentence: str) -> list[str]:
    """Split `sentence` into tokens by Kim's lighter SST rules: drop characters, lower-case.

    The SST files are already tokenised (`-lrb-`, `n't`, `'s` stand apart), so only the
    character filter applies; `-lrb-` becomes `lrb`.
    """
    text = _DROPPED.sub(" ", sentence).lower().strip()
    return _SPACES.split(text) if text else []


# The tokeniser each dataset uses, by name; user data gets the full rules.
TOKENIZERS = {
    "kim": clean_str,
    "kim-cased": lambda sentence: clean_str(sentence, lowercase=False),
    "sst": clean_str_sst,
}


def tokenizer_for(name: str):
    """Return the tokeniser function called `name` ("kim", "kim-cased" or "sst")."""
    try:
        return TOKENIZERS[name]
    except KeyError:
        raise TextError(f"unknown tokenizer {name!r}; expected one of {', '.join(TOKENIZERS)}") from None
