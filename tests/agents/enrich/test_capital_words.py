"""The shared words that name readers skip: every reader skips the openers, each word is written once."""

from agents.enrich import capital_words, coreference, name_neighbours, name_runs, name_spans
from agents.enrich.capital_words import OPENERS


def test_every_name_reader_skips_the_openers():
    for skipped in (name_spans._NOT_NAME, name_neighbours._NOT_NAME, name_runs._NEVER, coreference._STOP):
        assert OPENERS <= skipped


def test_groups_share_no_word():
    groups = {name: value for name, value in vars(capital_words).items()
              if name.isupper() and isinstance(value, frozenset) and name != "OPENERS"}
    seen: dict[str, str] = {}
    for name, words in groups.items():
        for word in words:
            assert word not in seen, f"{word!r} is in both {seen[word]} and {name}"
            seen[word] = name

