"""One launch read two ways: an event first reported as another topic's.

Pure. North Korea's satellite launches are announced by Japan and South Korea as "a suspected
ballistic missile" before Pyongyang names the satellite, and a report that tells both ("North
Korea says its spy satellite launch has failed ... This came hours after Japan said Pyongyang
launched a suspected ballistic missile") holds one launch, not a missile launch and a satellite
launch. A topic's ``reported_as`` (rule pack) names the topics its event is so reported as;
:func:`one_launch_per_event` drops a hit of such a topic when the article's hit of the topic
itself has the same actor (or the other has none) and the same day (or either has none), the
other names no particular object (a named missile is a launch of its own), and its sentence
tells it second-hand or hedged ("Japan said", "a suspected", "what appeared to be").
"""

from __future__ import annotations

import re
from typing import Any

from agents.enrich.rulepack import RulePack
from streams.core.records import AlertHit

# the reading is a guess or someone else's word: the neighbour that tracked the launch
# ("Japan's Defense Ministry announced on Monday that North Korea had launched what was a potential ballistic missile")
_SECOND_HAND = re.compile(r"\b(?:suspected|possible|possibly|potential|potentially|apparent|apparently|presumed|presumably|"
                          r"unidentified|unspecified|believed\s+to\s+be|what\s+(?:appeared|appears|seemed|seems)\s+to\s+be|"
                          r"said|says|reported|detected|announced|announces|according\s+to)\b", re.IGNORECASE)


def one_launch_per_event(hits: list[AlertHit], pack: RulePack) -> list[AlertHit]:
    """``hits`` without those that are another hit's event reported as another topic."""
    if not pack.reported_as or len(hits) < 2:
        return hits
    return [h for h in hits if not any(_read_as(h, host, pack) for host in hits if host is not h)]


def _read_as(hit: AlertHit, host: AlertHit, pack: RulePack) -> bool:
    """Is ``hit`` the event of ``host`` as a second-hand or hedged report first told it?"""
    if hit.topic not in pack.reported_as.get(host.topic, ()):
        return False
    ev, hev = hit.event or {}, host.event or {}
    if (ev.get("object") or {}).get("id"):
        return False
    actor, host_actor = _id(ev.get("actor")), _id(hev.get("actor"))
    if actor and host_actor and actor != host_actor:
        return False
    when, host_when = ev.get("when"), hev.get("when")
    if when and host_when and when != host_when:
        return False
    return _SECOND_HAND.search(hit.evidence) is not None


def _id(party: Any) -> str | None:
    return party.get("id") if isinstance(party, dict) else None
