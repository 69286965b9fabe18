"""Kim's clean_str rules and the SST variant, checked on sentences worked out by hand."""

import pytest

from seqboard.text.tokenize import clean_str, clean_str_sst, tokenizer_for
from seqboard.text.errors import TextError


@pytest.mark.parametrize(
    "sentence, tokens",
    [
        ("It's good", ["it", "'s", "good"]),
        ("I've seen it, and it isn't bad!", ["i", "'ve", "seen", "it", ",", "and", "it", "is", "n't", "bad", "!"]),
        ("They're sure they'd go and we'll see", ["they", "'re", "sure", "they", "'d", "go", "and", "we", "'ll", "see"]),
        ("(really) great?", ["(", "really", ")", "great", "?"]),
        ("caf\u00e9 -- na\u00efve", ["caf", "na", "ve"]),
        ("a  lot   of\tspace", ["a", "lot", "of", "space"]),
        ("`quoted' word", ["`quoted'", "word"]),
        ("e-mail: x@y.com", ["e", "mail", "x", "y", "com"]),
    ],
)
def test_clean_str_kim_rules(sentence, tokens):
    assert clean_str(sentence) == tokens


def test_clean_str_drops_emoji_and_control_characters():
    assert clean_str("great \U0001F600 movie\x00\x07 \u0085!") == ["great", "movie", "!"]


def test_clean_str_empty_and_symbols_only():
    assert clean_str("") == []
    assert clean_str("   \t ") == []
    assert clean_str("... -- ;;") == []


def test_clean_str_keeps_case_for_trec():
    assert clean_str("What is the capital of Peru ?", lowercase=False) == ["What", "is", "the", "capital", "of", "Peru", "?"]


def test_clean_str_sst_only_filters_characters():
    # The SST text is already tokenised: no clitic split, brackets kept in place.
    assert clean_str_sst("it 's -lrb- not -rrb- bad , is n't it ?") == ["it", "'s", "lrb", "not", "rrb", "bad", ",", "is", "n't", "it", "?"]
    assert clean_str_sst("Isn't") == ["isn't"]


def test_tokenizer_for_unknown_name():
    with pytest.raises(TextError, match="unknown tokenizer 'bpe'"):
        tokenizer_for("bpe")
