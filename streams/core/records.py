"""Record schemas: what flows through the Kafka topics (JSON on the wire).

These are Faust records, but nothing here needs a broker: the pure stages build and
read them directly. Field types use ``typing`` names because Faust inspects them.
"""

from typing import Any, Dict, List, Optional, Sequence

import faust

from streams.core.lookalikes import latin_lookalikes


class Article(faust.Record, serializer="json", include_metadata=False):
    """One feed entry, as the poller saw it. Key on the articles topic: ``id``."""

    id: str
    feed_url: str
    link: str
    title: str
    summary: str = ""
    content: str = ""
    published: Optional[float] = None  # epoch seconds from the feed, if any
    first_seen: float = 0.0  # epoch seconds when the poller first saw it (end-to-end latency starts here)
    source: str = ""  # feed title
    backfill: bool = False  # seen on a feed's first poll and older than the backfill window: record, never alert
    full_text: bool = False  # the feed asked for the article page to be read in full

    def text(self) -> str:
        """Everything the thinking stages read: title, then body (content or summary)."""
        body = self.content if len(self.content) >= len(self.summary) else self.summary
        # spun copies' Cyrillic look-alikes read as the Latin letters they stand for (same length: offsets hold)
        return latin_lookalikes(f"{self.title}.\n{body}" if body else self.title)

    @classmethod
    def from_data(cls, data: Any, *, preferred_type: Any = None) -> Any:
        """What Faust's decoder calls for every record of the articles topic: the same record as
        Faust's (fields, defaults, equality, serialisation) when ``data`` is a plain dict of
        Article fields, built without Faust's keyword constructor (19.5 -> 2.8 us per article);
        anything else (a ``__faust`` namespace, unknown or missing fields) goes to Faust.
        tests/streams/core/test_records.py checks it against Faust's own decoding."""
        if type(data) is dict and cls is Article and _ARTICLE_REQUIRED <= data.keys() <= _ARTICLE_FIELDS:
            a = cls.__new__(cls)
            fields = a.__dict__  # in Faust's order, as its repr shows them
            fields["__evaluated_fields__"] = set()
            for name in _ARTICLE_ORDER:
                fields[name] = data[name] if name in data else _ARTICLE_DEFAULTS[name]
            return a
        return super().from_data(data, preferred_type=preferred_type)


_ARTICLE_ORDER = tuple(Article._options.fields)
_ARTICLE_FIELDS = frozenset(_ARTICLE_ORDER)
_ARTICLE_DEFAULTS: Dict[str, Any] = dict(Article._options.defaults)
_ARTICLE_REQUIRED = _ARTICLE_FIELDS - _ARTICLE_DEFAULTS.keys()


class Entity(faust.Record, serializer="json", include_metadata=False):
    text: str  # as written in the article
    label: str  # COUNTRY, ORG, AGENCY, VEHICLE, SITE, PERSON, ...
    id: Optional[str] = None  # canonical id such as country:KP, vehicle:chollima-1
    start: int = -1  # character offsets in Article.text()
    end: int = -1
    source: str = "gazetteer"  # gazetteer | nlp | rules | heads (rule tier, by head word) | implied


def new_entity(text: str, label: str, id: str | None, start: int, end: int, source: str) -> Entity:
    """``Entity(text=..., ...)`` for the extraction hot path: the same record (fields, equality,
    serialisation) without Faust's per-field descriptors, about five times faster; an article
    builds some twenty of them. The arguments must already have the field types (nothing is
    coerced); tests/streams/core/test_records.py checks it against the Faust constructor."""
    e = Entity.__new__(Entity)
    e.__dict__.update(__evaluated_fields__=set(), text=text, label=label, id=id, start=start, end=end, source=source)
    return e


def entity_identities(entities: Sequence[Any]) -> List[str]:
    """One identity per entity, equal for the mentions of one thing: its canonical id, else its
    label and text; a person named by surname alone after the full name, both without an id
    ("Yasukazu Hamada ... Hamada said"), is that person. Entities in article order."""
    out: List[str] = []
    full: Dict[str, str] = {}  # surname -> the identity of the person first named in full
    for e in entities:
        ident = e.id or f"{e.label}:{e.text.lower()}"
        if e.id is None and e.label == "PERSON":
            words = e.text.split()
            if len(words) > 1:
                full.setdefault(words[-1].lower(), ident)
            else:
                ident = full.get(e.text.lower(), ident)
        out.append(ident)
    return out


def entity_payload(e: Entity) -> Dict[str, Any]:
    """``e.asdict()`` (what Faust's JSON codec writes for an entity), read straight from the
    instance's fields: Faust's descriptors make ``asdict`` about 1.5x slower."""
    try:
        d = e.__dict__
        return {"text": d["text"], "label": d["label"], "id": d["id"], "start": d["start"], "end": d["end"],
                "source": d["source"]}
    except KeyError:  # a field never set on this instance: Faust's own reading, with its default
        return e.asdict()


class AlertHit(faust.Record, serializer="json", include_metadata=False):
    """What a rule found in one article."""

    topic: str
    severity: str
    evidence: str  # the sentence
    phrase: str  # the matched trigger phrase
    rule: str = ""
    qualifiers: List[str] = []  # folded-in topics that describe this event (launch_failure...)
    # {type, actor {id, text}, object {id, text, class}, site, outcome, when, when_text}:
    # see agents/enrich/events.py
    event: Optional[Dict[str, Any]] = None


def new_hit(topic: str, severity: str, evidence: str, phrase: str, rule: str,
            event: Optional[Dict[str, Any]]) -> AlertHit:
    """``AlertHit(topic=..., ..., event=...)`` for the matcher, which builds one per candidate
    sentence that passes: the same record (its ``qualifiers`` the class default, the one list
    every hit built by Faust's constructor shares too) without Faust's per-field descriptors,
    about five times faster. tests/streams/core/test_records.py checks it against the constructor."""
    h = AlertHit.__new__(AlertHit)
    h.__dict__.update(__evaluated_fields__=set(), topic=topic, severity=severity, evidence=evidence, phrase=phrase,
                      rule=rule, qualifiers=_HIT_QUALIFIERS_DEFAULT, event=event)
    return h


class EnrichedArticle(faust.Record, serializer="json", include_metadata=False):
    article: Article
    entities: List[Entity]

    def payload(self) -> Dict[str, Any]:
        """The record as plain dicts and lists: Faust's JSON codec writes the same bytes for it
        as for the record (tests/streams/core/test_records.py), without calling the encoder's
        ``default`` hook (isinstance checks against ABCs, then ``__json__``) for the article and
        for every entity; the enrich agent sends this (~0.03 ms less per article)."""
        return {"article": self.article.asdict(), "entities": [entity_payload(e) for e in self.entities]}


_HIT_QUALIFIERS_DEFAULT = AlertHit._options.defaults["qualifiers"]


class Alert(faust.Record, serializer="json", include_metadata=False):
    """One notification-worthy event. Key on the alerts topic: ``story_id``.

    ``kind`` is ``new`` for the first article of a story and ``update`` for follow-ups;
    ``id`` is unique per (story, revision) and is the idempotency key on every resend.
    """

    id: str
    story_id: str
    kind: str  # new | update | digest | resolved
    topic: str
    severity: str
    title: str
    link: str
    evidence: str
    phrase: str
    entities: List[Entity]
    sources: int = 1
    article_id: str = ""
    feed_url: str = ""
    source: str = ""
    first_seen: float = 0.0
    created: float = 0.0
    revision: int = 0
    cooldown: float = 0.0  # story_cooldown: at most one update of this story this often (said in the text)
    links: List[str] = []
    qualifiers: List[str] = []  # e.g. ["launch_failure"] on a failed satellite launch
    event: Optional[Dict[str, Any]] = None  # the event of the hit (AlertHit.event)
    published: Optional[float] = None  # the article's publication time, epoch seconds
    # the story's event: type, actor, object, site, outcome, when, time, confirmed, sources,
    # readings (agents/stories/facts.py); and on an update, what changed: [{kind, text}]
    story: Optional[Dict[str, Any]] = None
    changes: List[Dict[str, str]] = []
