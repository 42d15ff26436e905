"""One alert per event: qualifier topics folded into the event they describe.

A topic with ``qualifies: [host, ...]`` (``launch_failure``, ``missile_interception``) is an
outcome of a host topic's event, never an alert of its own: :func:`fold_qualifiers` turns the
hits of :func:`agents.enrich.rules.match` into alerts, folding each qualifier into its host
(the outcome, the higher severity, the qualifier's name) or, with no host hit, promoting it to
the host whose object classes hold its object ("the rocket exploded after lift-off" is a failed
satellite launch). Pure.
"""

from __future__ import annotations

import re

from agents.enrich.events import another_attack, object_class, told_as_older
from agents.enrich.outcome_scope import told_since
from agents.enrich.rulepack import RulePack, _key
from streams.core.records import AlertHit
from streams.core.severity import rank_or_lowest


def fold_qualifiers(hits: list[AlertHit], pack: RulePack) -> list[AlertHit]:
    """One alert per event: a hit whose topic ``qualifies`` another hit's topic is folded into
    it as a qualifier (the event keeps the higher severity, and takes the qualifier topic's
    ``outcome``). A qualifier with an outcome and no host hit is no alert of its own: it
    becomes a hit of the first host topic whose object classes hold its object's class ("the
    rocket exploded after lift-off" is a failed launch), or nothing. The order is kept."""
    present = {h.topic for h in hits}
    promoted = []
    for hit in hits:
        if hit.topic in pack.outcome_of and not any(t in present for t in pack.qualifies.get(hit.topic, ())):
            host = _host_for(hit, pack)
            if host is not None:
                event = dict(hit.event or {}, type=_event_type(pack, host))
                promoted.append(AlertHit.from_data({**hit.asdict(), "topic": host, "event": event}))
                promoted.append(hit)
                present.add(host)
            continue
        promoted.append(hit)
    hits = promoted
    folded: dict[str, list[AlertHit]] = {}
    kept: list[AlertHit] = []
    for hit in hits:
        host = next((t for t in pack.qualifies.get(hit.topic, ()) if t in present and t != hit.topic), None)
        if host is None:
            if hit.topic not in pack.outcome_of:
                kept.append(hit)
        else:
            folded.setdefault(host, []).append(hit)
    out = []
    for hit in kept:
        extra = [e for e in folded.get(hit.topic, ()) if not _earlier_failure(e, pack) and not _success_told(hit, e, pack)
                 and not _month_of_another_flight(hit, e, pack) and not _conceded_failure(e, pack)
                 and not _another_attacks_interception(hit, e, pack) and not _another_defence_test(hit, e, pack)]
        if extra:
            severity = max([hit.severity, *(e.severity for e in extra)], key=rank_or_lowest)
            event = hit.event
            outcomes = [pack.outcome_of[e.topic] for e in extra if e.topic in pack.outcome_of]
            if event is not None and outcomes:
                outcome = "intercepted" if "intercepted" in outcomes else outcomes[0]
                if outcome == "intercepted" and _defence_test(pack, event, extra):
                    # the interceptor hit its target: the test worked, unless its own sentence says
                    # it failed ("a test of one of its ground-based interceptor missiles ... failed")
                    outcome = "failure" if event.get("outcome") == "failure" else "success"
                # else an interception folded in is the outcome, also of a barrage only partly shot down beside its
                # hits ("at least eight other rockets were intercepted"): the convention of real.yaml
                event = dict(event, outcome=outcome)
            hit = AlertHit.from_data({**hit.asdict(), "severity": severity, "event": event,
                                      "qualifiers": list(hit.qualifiers) + [e.topic for e in extra]})
        out.append(hit)
    return out


# a failure the sentence gives an earlier flight: "The previous Progress launch in April ended in failure"
# (or "since" counts from it: "its first successful launch since a similar rocket recently failed to deliver a crew",
# indiatvnews.com)
# ("just a week after North Korea's last failed missile test": the last one may be the excerpt's event)
_EARLIER_FLIGHT = re.compile(r"\b(?:previous|prior|earlier)(?: [^ ,;]+){0,3} $")


# a failure named by its month, the way a story names an earlier flight it expects the reader to know: "Planet lost
# five of the satellites in the July launch failure" in a story of Thursday's successful launch (a failure of the
# day is "Thursday's failure")
_MONTH_NAMED = re.compile(r"\bthe (?:january|february|march|april|may|june|july|august|september|october|november|"
                          r"december)(?: \d{1,2}(?:st|nd|rd|th)?)?(?: [^ ,;]+){0,2} $")
_FAILED_TOO = re.compile(r"\b(?:fail|failed|fails|exploded|crashed|blew up|broke up)\s+(?:too|as well)\b")


# a time adverbial of an older day earlier in the failure's clause: "Dish Network, who suffered a serious setback
# earlier in the year when its satellite failed to reach orbit, has successfully launched its EchoStar XI" (c25)
_OLDER_IN_CLAUSE = re.compile(r"\b(?:earlier (?:in|this|that) (?:the )?(?:year|month|spring|summer|autumn|fall|winter)|"
                              r"last (?:year|month|spring|summer|autumn|fall|winter)|(?:weeks|months|years) ago)"
                              r"(?: [^ ,;]+){0,6} $")


def _earlier_failure(hit: AlertHit, pack: RulePack) -> bool:
    """Is ``hit`` a failure of another flight than the host's ("the previous ... launch ... ended in failure",
    "a U.S. supply mission failed too")?"""
    if pack.outcome_of.get(hit.topic) != "failure":
        return False
    if _FAILED_TOO.search(_key(hit.phrase)):
        return True  # "on Sunday a U.S. supply mission failed too": another flight failed as well
    at = hit.evidence.find(hit.phrase)
    before = _key(hit.evidence[:at]) + " "
    return at >= 0 and bool(_EARLIER_FLIGHT.search(before) or _MONTH_NAMED.search(before)
                            or _OLDER_IN_CLAUSE.search(before) or told_since(f" {before}"))


# a trouble conceded, the flight's outcome told past it: "Despite \u201ca post-launch anomaly,\u201d Air Force officials
# said, no safety standards were breached"
_CONCEDED_BEFORE = re.compile(r"\b(?:despite|in spite of|notwithstanding)(?: [^ ,;]+){0,3} $")


# a concession of the flight's own end, not of a trouble on the way: "Despite failing to reach orbit, Isar Aerospace
# claimed it met all objectives for the test flight" (c25), "Despite failing to reach orbit, SpaceX has declared that the
# second flight of its Falcon 1 launcher was a success" (parabolicarc.com): what follows is a party's framing of a
# failure the text tells as fact
_LOST_FLIGHT = re.compile(r"\b(?:orbit|exploded|explosion|blew up|crashed|destroyed|loss of the (?:vehicle|rocket|mission))\b")


def _conceded_failure(hit: AlertHit, pack: RulePack) -> bool:
    """Is ``hit`` a trouble word after "despite" ("Despite a post-launch anomaly, ...")? The sentence tells what
    happened in spite of it, not a failure. A flight conceded lost ("Despite failing to reach orbit, ... claimed") is
    still lost."""
    if pack.outcome_of.get(hit.topic) != "failure" or _LOST_FLIGHT.search(_key(hit.phrase)):
        return False
    at = hit.evidence.find(hit.phrase)
    return at >= 0 and bool(_CONCEDED_BEFORE.search(_key(hit.evidence[:at]) + " "))


# a failure named by its month: "Planet lost five of the satellites in the July launch failure"
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_BEFORE = re.compile(r"\bthe (?P<month>" + "|".join(_MONTHS) + r")(?: \d{1,2})?(?: [^ ,;]+)? $")


def _month_of_another_flight(host: AlertHit, hit: AlertHit, pack: RulePack) -> bool:
    """Is ``hit`` a failure the sentence names by a month ("the July launch failure"), not the month of the host's
    event when that is dated? A news report names its own flight's failure by its day ("Saturday's failure"); a month
    names an older one, as in a page on "Thursday's launch" of late October."""
    if pack.outcome_of.get(hit.topic) != "failure":
        return False
    at = hit.evidence.find(hit.phrase)
    m = _MONTH_BEFORE.search(_key(hit.evidence[:at]) + " ") if at >= 0 else None
    when = (host.event or {}).get("when")
    return m is not None and not (when and _MONTHS.index(m.group("month")) + 1 == int(when[5:7]))


# the host's own sentence tells the flight went well: "China's Long March rocket on Monday successfully launched a new
# communication satellite", "The ... satellite was placed in orbit successfully"
# ("successfully reached orbit as planned in the maiden launch of its heavy-lift rocket, New Glenn": c25)
_SUCCESS_TOLD = re.compile(r"\bsuccessfully (?:launched|placed|put|sent|injected|delivered|deployed|completed|reached)\b|"
                           r"\b(?:launched|placed|put|sent|injected|delivered|deployed|reached) (?:[^ ,;]+ ){0,6}?"
                           r"successfully\b|"
                           r"\bsuccessful (?:launch|mission|flight)\b|\b(?:was|is|has been) a success\b")
# a success hoped for, not told: "Hoping to chalk up the company's second successful flight, Astra fired off a rocket"
_HOPED_BEFORE = re.compile(r"\b(?:hop(?:e|es|ed|ing)|aim(?:s|ed|ing)?|seek(?:s|ing)?|in a bid|tr(?:y|ies|ying)) to"
                           r"(?: [^ ,;]+){0,8} $")
_NEGATED_BEFORE = re.compile(r"\b(?:not|n[’']?t|never|failed to|partial|partially|partly)(?: [^ ,;]+)? $")


def _success_told(host: AlertHit, hit: AlertHit, pack: RulePack) -> bool:
    """Is ``hit`` a failure told in another sentence than the host's, whose own sentence says its flight
    succeeded? The failure is then another flight's ("... first time after its previous mission failed last
    month", "most first launches of India's rockets have ended in failure")."""
    if pack.outcome_of.get(hit.topic) != "failure" or hit.evidence == host.evidence \
            or (host.event or {}).get("outcome") != "success":
        return False
    key = f" {_key(host.evidence)} "
    return any(not _NEGATED_BEFORE.search(key[:m.start()]) and not _HOPED_BEFORE.search(key[:m.start()])
               for m in _SUCCESS_TOLD.finditer(key))


def _another_attacks_interception(host: AlertHit, hit: AlertHit, pack: RulePack) -> bool:
    """Is ``hit`` an interception told in another sentence than the host's, of another attack
    (:func:`agents.enrich.events.another_attack`: "Israel said separately that its aircraft had intercepted ...") or of
    an older one (:func:`agents.enrich.events.told_as_older`: "Last week, two rockets ... were intercepted")?"""
    return pack.outcome_of.get(hit.topic) == "intercepted" and hit.evidence != host.evidence \
        and (another_attack(hit.evidence) or told_as_older(hit.evidence))


def _another_defence_test(host: AlertHit, hit: AlertHit, pack: RulePack) -> bool:
    """Is ``hit`` a defence test's interception told in another sentence than a launch that is no defence test ("Early
    Wednesday, the US conducted a test intercept of a medium range ballistic missile off the coast of Hawaii" beside
    North Korea's Hwasong-12 over Japan, c31)? The test shot down its own target, not the host's missile."""
    if pack.outcome_of.get(hit.topic) != "intercepted" or hit.evidence == host.evidence:
        return False
    cue = getattr(pack, "defence_test_re", None)
    if cue is None or _defence_test(pack, host.event or {}, []) or _tells_a_defence_test(host, cue):
        return False  # the launch is a test's too ("intercepted a ballistic missile target in a test")
    return _tells_a_defence_test(hit, cue)


def _tells_a_defence_test(hit: AlertHit, cue: re.Pattern[str]) -> bool:
    return cue.search(f" {_key(_around(hit))} ") is not None or _in_a_test(hit)


def _event_type(pack: RulePack, topic: str) -> str:
    spec = pack.events.get(topic)
    return spec.type if spec and spec.type else topic


def _host_for(hit: AlertHit, pack: RulePack) -> str | None:
    obj = (hit.event or {}).get("object") or {}
    cls = obj.get("class")
    for topic in pack.qualifies.get(hit.topic, ()):
        classes = {c for c, _ in pack.object_classes.get(topic, ())}
        spec = pack.events.get(topic)
        if cls is not None and (cls in classes or (spec is not None and cls == spec.default_class)):
            if spec is not None and spec.reject_classes and \
                    object_class(pack, topic, _up_to_phrase(hit) or obj.get("text") or "", ()) in spec.reject_classes:
                # "Starship rocket exploded", "SpaceX’s Starship rocket ... launched in a test flight before exploding"
                # (c31): a failure of what that topic rejects hosts nothing
                return None
            return topic
    return None


def _phrase_end(hit: AlertHit) -> int:
    """Where the hit's phrase ends in its sentence (-1 when the sentence does not hold it as written)."""
    at = hit.evidence.find(hit.phrase)
    return at + len(hit.phrase) if at >= 0 else -1


def _up_to_phrase(hit: AlertHit) -> str:
    """The hit's sentence up to the end of its phrase: its subject and what the phrase names."""
    end = _phrase_end(hit)
    return hit.evidence[:end] if end >= 0 else ""


def _defence_test(pack: RulePack, event: dict, extra: list[AlertHit]) -> bool:
    """Is the interception a defence test's (``context.defence_tests`` in the intercepting
    phrase, "intercepting a high-speed aerial target", or in the launch's object, "an
    interceptor missile", or, in a sentence that tells of a test, right next to the intercepting phrase: "A U.S.
    interceptor missile shot down a target missile"; "ICBM Missile Intercept Test")? Then the launch is the
    interceptor's, and it succeeded."""
    cue = getattr(pack, "defence_test_re", None)
    if cue is None:
        return False
    texts = [((event.get("object") or {}).get("text") or "")]
    texts += [e.phrase for e in extra if pack.outcome_of.get(e.topic) == "intercepted"]
    texts += [_around(e) for e in extra if pack.outcome_of.get(e.topic) == "intercepted" and _A_TEST.search(e.evidence)]
    return any(cue.search(f" {_key(t)} ") for t in texts) or any(
        _in_a_test(e) for e in extra if pack.outcome_of.get(e.topic) == "intercepted")


# an interception told as done in a test: "US Navy warship successfully intercepts medium-range ballistic missile in
# test", "US military intercepts missile off Hawaii in first test since February", "has shot down a medium-range
# ballistic missile during a test off Hawaii" (c30): only the side that tests stops its own target
_IN_A_TEST = re.compile(r"(?:\s+(?:off|near|over|above)\s+[\w-]+(?:\s+[A-Z][\w-]*)*)?\s+(?:in|during)\s+(?:(?:a|an|the|its|their)\s+)?"
                        r"(?:[\w-]+\s+){0,2}?(?:test|tests|flight test|trial)\b")


def _in_a_test(shot: AlertHit) -> bool:
    end = _phrase_end(shot)
    return end >= 0 and _IN_A_TEST.match(shot.evidence, end) is not None


# a sentence that tells of a test: the words next to its interception may name the interceptor or the test
_A_TEST = re.compile(r"\b(?:test|tests|testing|trial)\b", re.IGNORECASE)


def _around(shot: AlertHit) -> str:
    """The interception phrase with the words right before and after it in its sentence: its subject ("A U.S.
    interceptor missile shot down a target missile ..., the seventh successful test") or the noun it is part of
    ("ICBM Missile Intercept Test Was A Success")."""
    at = shot.evidence.find(shot.phrase)
    if at < 0:
        return ""
    return shot.evidence[max(0, at - 50):at + len(shot.phrase) + 10]
