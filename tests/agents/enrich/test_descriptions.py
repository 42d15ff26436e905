"""agents/enrich/descriptions.py on real sentences of the dev split of real.yaml: a present participle after its noun
describes the thing when its clause's own verb is in the present ("is a brand-new Block 5 model"), not when the clause
goes on with a past ("blasted off")."""
from pathlib import Path

import pytest
import yaml

from agents.enrich.descriptions import ing_of_present
from agents.enrich.sentences import split_sentences

_REAL = Path(__file__).parent / "eval" / "real.yaml"


@pytest.fixture(scope="module")
def dev_texts() -> dict[str, str]:
    items = yaml.safe_load(_REAL.read_text(encoding="utf-8"))
    return {i["id"]: i["text"] for i in items if i.get("split") == "dev"}


@pytest.mark.parametrize("item, sentence, describes", [
    ("f9-telstar18-delay-cnet-2018", "The rocket carrying the satellite is a brand-new Block 5 model", True),
    ("sealaunch-zenit-nbc", "A rocket carrying a telecommunications satellite into space blasted off in a ball of "
                            "orange flames", False),
])
def test_ing_of_present(dev_texts: dict[str, str], item: str, sentence: str, describes: bool) -> None:
    text = dev_texts[item]
    at = text.index(sentence)
    s0, s1 = next((a, b) for a, b in split_sentences(text) if a <= at < b)  # the sentence as the matcher splits it
    vs = text.index("carrying", at)
    assert ing_of_present(text, s0, vs, vs + len("carrying"), s1) is describes
