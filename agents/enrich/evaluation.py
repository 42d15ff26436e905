"""Measure a rule pack and the entity tiers against labelled cases.

A cases file is a YAML list::

    - id: kp-icbm-1                      # unique, for the report
      title: North Korea fires ICBM      # as a feed would give it
      text: Pyongyang test-fired ...     # the body (summary)
      topics: [missile_launch]           # every topic that must fire; [] = none may
      entities: [country:KP, vehicle:hwasong-18]   # key canonical ids that must be found
      names: [Jane Dudley, Hanwha Aerospace]        # people/organisations no list holds (optional)

Real-news cases (``tests/agents/enrich/eval/real.yaml``) add ``url``, ``published`` (ISO
date or null: time words are read against it), ``split`` (dev | heldout), ``event`` (or
``events``: the expected ``actor {id, text}``, ``object {text, class}``, ``outcome``), and
plain names among ``entities`` ("Sea of Japan", "Yonhap"). For those, the report adds the
actor right on true positives (same canonical id, or the same words named), the outcome
right, and key-entity recall over ids and names alike (a name is found as for ``names``).

Per topic: precision = correct hits / hits, recall = correct hits / cases labelled with it.
Entity recall: key ids found / key ids labelled, gazetteer kinds only (country, org, agency,
vehicle, site, person, city, region, place, spacecraft), since that is what canonical ids come from. Name recall: labelled
``names`` found as a PERSON/ORG/AGENCY entity by either tier - the statistical tier's job, so
it has a target only when a model is loaded. A name counts as found when an entity has the
same text, ignoring case, a leading "the", trailing punctuation and a legal suffix ("RTX Corp"
= "RTX", "Mitsubishi Electric Corp." = "Mitsubishi Electric Corp"), or when the gazetteer
resolves the name to a canonical id that was found ("Tasnim" = "Tasnim news agency",
org:tasnim): either way the reader learns which organisation it is. The report also gives the
strict figure (same text only), so the two can be compared.

``watchfloor rules test RULES_DIR CASES.yaml`` calls ``run_rules_test``: RULES_DIR *replaces*
the packaged pack (``only_pack=True``) so a pack is measured on its own; pass
``only_pack=False`` to measure it added to the packaged rules, as a worker would run it.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import yaml
from pydantic import BaseModel, ValidationError

from agents.enrich.analysis import alerts
from agents.enrich.entities import Extractor, load_extractor
from agents.enrich.rules import RulePack
from streams.core.errors import ConfigError
from streams.core.records import AlertHit, Article, Entity

CORE_TOPICS = ("missile_launch", "satellite_launch", "nuclear_test", "military_exercise")
GAZETTEER_KINDS = ("country", "org", "agency", "vehicle", "site", "person", "city", "region", "place", "spacecraft")
NAME_LABELS = ("PERSON", "ORG", "AGENCY")
_LEGAL_SUFFIX = re.compile(
    r",?\s+((?:pvt|pte|co)\.?,?\s+(?:ltd|limited)|private limited|corp|corporation|inc|incorporated|ltd|limited|"
    r"co|gmbh|ag|sa|s\.a|se|nv|plc|llc|jsc|pjsc|ojsc|spa|s\.p\.a|ab|as|asa|oyj|kk|pte|bhd)$"
)


class Case(BaseModel):
    model_config = {"extra": "forbid"}

    id: str
    title: str = ""  # a case may be a headline alone, a body alone, or both
    text: str = ""
    topics: list[str] = []
    entities: list[str] = []
    names: list[str] = []
    note: str = ""
    # real-news cases
    url: str = ""
    outlet: str = ""
    published: str | None = None
    split: str = "dev"
    event: dict | None = None
    events: list[dict] = []
    why: str = ""
    hard: bool = False
    settled: str = ""

    def article(self) -> Article:
        ts = None
        if self.published:
            ts = datetime.fromisoformat(self.published).replace(tzinfo=timezone.utc).timestamp() + 12 * 3600
        return Article(id=self.id, feed_url="", link=self.url, title=self.title, summary=self.text, published=ts)

    def expected_events(self) -> list[dict]:
        return self.events or ([self.event] if self.event else [])


def load_cases(path: Path) -> list[Case]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"cases {path}: cannot read: {e}") from e
    if not isinstance(data, list):
        raise ConfigError(f"cases {path}: expected a list of cases")
    cases, seen = [], set()
    for i, raw in enumerate(data):
        try:
            case = Case.model_validate(raw)
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "the case"
            name = f" ({raw['id']})" if isinstance(raw, dict) and raw.get("id") else ""
            raise ConfigError(f"cases {path}: case {i + 1}{name}: {where}: {err['msg']}") from e
        if case.id in seen:
            raise ConfigError(f"cases {path}: duplicate case id {case.id}")
        seen.add(case.id)
        cases.append(case)
    return cases


@dataclass
class TopicScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Report:
    cases: int = 0
    topics: dict[str, TopicScore] = field(default_factory=dict)
    entity_expected: int = 0
    entity_found: int = 0
    errors: list[str] = field(default_factory=list)  # one line per wrong case
    missed_entities: list[str] = field(default_factory=list)
    names_expected: int = 0
    names_found: int = 0
    names_found_exact: int = 0  # same text as labelled, no normalisation
    names_targeted: bool = False  # a statistical tier was on
    actor_right: int = 0  # of true positives with a labelled event
    outcome_right: int = 0
    events_scored: int = 0
    items: list[str] = field(default_factory=list)  # one line per case: what the code gave, for diffing two runs

    @property
    def entity_recall(self) -> float | None:
        return self.entity_found / self.entity_expected if self.entity_expected else None

    @property
    def name_recall(self) -> float | None:
        return self.names_found / self.names_expected if self.names_expected else None

    def targets_met(self, min_precision: float = 0.95, min_recall: float = 0.95,
                    min_entity_recall: float = 0.95, topics: Sequence[str] | None = None) -> bool:
        """Every measured topic (one with a labelled case or a hit, or those in ``topics``)
        meets both targets; a topic that fired only wrongly has precision 0."""
        names = topics if topics is not None else [t for t, s in self.topics.items() if s.tp + s.fn + s.fp]
        for t in names:
            s = self.topics.get(t, TopicScore())
            if s.precision < min_precision or (s.recall is not None and s.recall < min_recall):
                return False
        er, nr = self.entity_recall, self.name_recall
        if self.names_targeted and nr is not None and nr < min_entity_recall:
            return False
        return er is None or er >= min_entity_recall

    @property
    def actor_accuracy(self) -> float | None:
        return self.actor_right / self.events_scored if self.events_scored else None

    @property
    def outcome_accuracy(self) -> float | None:
        return self.outcome_right / self.events_scored if self.events_scored else None

    def format(self) -> str:
        lines = [f"{self.cases} cases", f"{'topic':<22}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}"]
        for t, s in self.topics.items():
            rec = "n/a" if s.recall is None else f"{s.recall:.3f}"
            lines.append(f"{t:<22}{s.precision:>10.3f}{rec:>8}{s.tp:>5}{s.fp:>5}{s.fn:>5}")
        er = self.entity_recall
        lines.append(f"entity recall (gazetteer kinds): "
                     f"{'n/a' if er is None else f'{er:.3f}'} ({self.entity_found}/{self.entity_expected})")
        nr = self.name_recall
        lines.append(f"people/organisation recall{' (statistical tier)' if self.names_targeted else ' (no statistical tier, no target)'}: "
                     f"{'n/a' if nr is None else f'{nr:.3f}'} ({self.names_found}/{self.names_expected}; "
                     f"same text only: {self.names_found_exact}/{self.names_expected})")
        if self.events_scored:
            lines.append(f"event actor right: {self.actor_accuracy:.3f}, outcome right: {self.outcome_accuracy:.3f} "
                         f"(of {self.events_scored} true positives with a labelled event)")
        if self.errors:
            lines.append("wrong topics:")
            lines += [f"  {e}" for e in self.errors]
        if self.missed_entities:
            lines.append("missed entities:")
            lines += [f"  {e}" for e in self.missed_entities]
        return "\n".join(lines)


def evaluate(pack: RulePack, extractor: Extractor, cases_path: Path, split: str | None = None,
             topics: Sequence[str] | None = None) -> Report:
    """Score ``pack`` on the cases (of one ``split`` if given; only ``topics`` if given)."""
    cases = [c for c in load_cases(cases_path) if split is None or c.split == split]
    report = Report(cases=len(cases), topics={t: TopicScore() for t in (topics or pack.topics)},
                    names_targeted=getattr(getattr(extractor, "nlp", None), "statistical", False))
    for case in cases:
        entities, hits = alerts(case.article(), extractor, pack)
        if topics is not None:
            hits = [h for h in hits if h.topic in topics]
        got = {h.topic for h in hits} | {q for h in hits for q in h.qualifiers}
        if topics is not None:
            got &= set(topics)
        want = set(case.topics)
        report.items.append(_item_line(case.id, hits, got))
        for t in got | want:
            score = report.topics.setdefault(t, TopicScore())
            if t in got and t in want:
                score.tp += 1
                _score_event(report, case, next((h for h in hits if h.topic == t), hits[0]))
            elif t in got:
                score.fp += 1
                ev = next(h for h in hits if h.topic == t or t in h.qualifiers)
                report.errors.append(f"{case.id}: false {t} ({ev.rule}: {ev.phrase!r})")
            else:
                score.fn += 1
                report.errors.append(f"{case.id}: missed {t}")
        ids = {e.id for e in entities}
        for eid in case.entities:
            if ":" not in eid:  # a plain name: found as a name is (any label)
                report.entity_expected += 1
                if name_found(eid, entities, extractor):
                    report.entity_found += 1
                else:
                    report.missed_entities.append(f"{case.id}: {eid!r}")
                continue
            if eid.split(":", 1)[0] not in GAZETTEER_KINDS:
                continue
            report.entity_expected += 1
            if eid in ids:
                report.entity_found += 1
            else:
                report.missed_entities.append(f"{case.id}: {eid}")
        named = [e for e in entities if e.label in NAME_LABELS]
        exact = {e.text.lower() for e in named}
        for name in case.names:
            report.names_expected += 1
            report.names_found_exact += name.lower() in exact
            if name_found(name, named, extractor):
                report.names_found += 1
            elif report.names_targeted:
                report.missed_entities.append(f"{case.id}: name {name!r}")
    return report


def _item_line(case_id: str, hits: Sequence[AlertHit], got: set[str]) -> str:
    """``id: topic(outcome, actor) ...``: every topic the code gave the case, with its event's outcome and actor id."""
    parts = []
    for t in sorted(got):
        event = next((h.event for h in hits if h.topic == t), None) or {}
        actor = event.get("actor") or {}
        parts.append(f"{t}({event.get('outcome')}, {actor.get('id') or actor.get('text')})" if event else t)
    return f"{case_id}: {' '.join(parts) or '-'}"


def _score_event(report: Report, case: Case, hit: AlertHit) -> None:
    wanted = [e for e in case.expected_events() if e.get("topic", hit.topic) == hit.topic]
    if not wanted:
        return
    report.events_scored += 1
    got = getattr(hit, "event", None) or {}
    actor = got.get("actor") or {}
    outcome = got.get("outcome")
    if any(_same_actor(actor, w.get("actor") or {}) for w in wanted):
        report.actor_right += 1
    else:
        report.errors.append(f"{case.id}: actor {actor.get('id') or actor.get('text')!r}, "
                             f"want {[(w.get('actor') or {}).get('id') for w in wanted]}")
    if any(outcome == w.get("outcome") for w in wanted):
        report.outcome_right += 1
    else:
        report.errors.append(f"{case.id}: outcome {outcome!r}, want {[w.get('outcome') for w in wanted]}")


def _same_actor(got: dict, want: dict) -> bool:
    if got.get("id") and got.get("id") == want.get("id"):
        return True
    g, w = name_key(got.get("text") or ""), name_key(want.get("text") or "")
    if not want.get("id") or want.get("id") == "unknown":
        return not got.get("id") and not g  # no actor named: none may be guessed
    return bool(g and w and (g in w or w in g))


def name_key(name: str) -> str:
    """A name as compared for recall: lowercase, no leading "the", no trailing punctuation
    or legal suffix."""
    key = name.strip().lower()
    key = key[4:] if key.startswith("the ") else key
    key = key.rstrip(".,;:'’ ")
    return _LEGAL_SUFFIX.sub("", key).rstrip(".,;:'’ ")


def name_found(name: str, entities: Sequence[Entity], extractor: Extractor) -> bool:
    key = name_key(name)
    if any(name_key(e.text) == key for e in entities):
        return True
    gazetteer = getattr(extractor, "gazetteer", None)
    if gazetteer is None:
        return False
    ids = {e.id for e in entities if e.id}
    for form in {name, key}:
        entry = gazetteer.lookup(form)
        if entry is not None and entry.id in ids:
            return True
    return False


def run_rules_test(rules_dir: Path, cases: Path, gazetteer_dirs: Sequence[Path] = (),
                   nlp_model: str | None = None, only_pack: bool = True) -> tuple[str, bool]:
    """What ``watchfloor rules test`` prints, and whether every target was met."""
    pack = RulePack.load([Path(rules_dir)], packaged=not only_pack)
    report = evaluate(pack, load_extractor(gazetteer_dirs, nlp_model), Path(cases))
    ok = report.targets_met()
    return report.format() + f"\ntargets (precision and recall >= 0.95 per topic, entity recall >= 0.95): " \
        f"{'met' if ok else 'NOT met'}", ok


REAL_TOPICS = ("missile_launch", "satellite_launch", "nuclear_test")


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m agents.enrich.evaluation CASES.yaml [--split dev|heldout] [--nlp MODEL] [--items]``:
    the packaged pack on real-news cases, the three launch/test topics only; ``--items`` adds one line per case
    (topics given, each with its event's outcome and actor), so that two runs can be diffed item by item."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("cases", type=Path)
    ap.add_argument("--split")
    ap.add_argument("--nlp")
    ap.add_argument("--items", action="store_true", help="one line per case: topics given, outcome and actor")
    args = ap.parse_args(argv)
    report = evaluate(RulePack.load(), load_extractor((), args.nlp), args.cases, split=args.split, topics=REAL_TOPICS)
    print(report.format())
    if args.items:
        print("items:")
        print("\n".join(f"  {line}" for line in report.items))


if __name__ == "__main__":
    main()
