"""The story cooldown is said where an operator waits for it: in the alert's text."""

from __future__ import annotations

import json

from agents.notify.payloads import slack_payload
from tests.agents.stories.test_stage import COOLDOWN, FIRST, NOW, SECOND, everything, stage
from tests.agents.stages import hits_of


async def test_new_and_update_alerts_say_when_updates_come():
    s, published, _ = stage()
    for a, at in ((FIRST, NOW), (SECOND, NOW + 60)):
        [(key, value)] = hits_of(a)
        await s.on_hit(key, value, now=at)
    await s.send_held(now=NOW + COOLDOWN + 1, owned=everything)
    new, update = published
    assert new.cooldown == update.cooldown == COOLDOWN
    for alert in (new, update):
        text = json.dumps(slack_payload(alert), ensure_ascii=False)
        assert "one update at most every 10m" in text
