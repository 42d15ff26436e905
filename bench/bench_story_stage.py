"""The story stage's cost per hit against the open stories of its topic, in-process.

    python bench/bench_story_stage.py [--n 0,50,200,400] [--hits 40] [--profile]

For each N, a fresh :class:`agents.stories.stage.StoryStage` (tables as dicts) is filled with
N open stories of one topic (one bucket, as bench_pipeline.py's events share one topic key),
then ``--hits`` hits are timed one by one through ``StoryStage.on_hit``: half open a new event,
half corroborate an open story (another feed, its own filler). The articles are the ones
bench_pipeline.py sends (tests/workload.py: a trigger sentence naming a country, ~200 words of
random filler); a country has up to three events, 40 hours apart, so that 400 stories of one
topic (``stories.MAX_REPORTS``, the most a bucket keeps) can be open at once. Hit records are
built by the enrich core beforehand: only the story stage is timed (the MinHash of the text,
the report, the grouping, the table write, the alert).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import random
import re
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agents.stories import stories as st  # noqa: E402
from agents.stories.mutebook import MuteBook  # noqa: E402
from agents.stories.stage import StoryStage  # noqa: E402
from streams.core.metrics import Metrics  # noqa: E402
from tests.agents.stages import article, hits_of  # noqa: E402
from tests.workload import _filler, distinct_events  # noqa: E402

TOPIC = "missile_launch"
T0 = 1_800_000_000.0  # 2027-01-15 08:00 UTC
#: a country's events are this far apart: beyond ``reports.SPREAD``, so each is its own story,
#: and three fit in ``stories.DEFAULT_MAX_AGE`` (all open when the timed hits arrive)
SLOT = 40 * 3600.0
SLOTS = 3
#: when the timed hits arrive: an hour after the last slot, every slot's story still open
MEASURED_AT = T0 + (SLOTS - 1) * SLOT + 3600.0
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def events() -> list[tuple[str, str, float]]:
    """(title, sentence, time) of every distinct event of ``TOPIC``, slot by slot; the sentence
    names the weekday of its time, as a report of that day would."""
    base = [(title, sentence) for topic, _, title, sentence in distinct_events(546) if topic == TOPIC]
    out = []
    for slot in range(SLOTS):
        at = T0 + slot * SLOT
        day = datetime.fromtimestamp(at, timezone.utc).strftime("%A")
        out += [(title, _WEEKDAY.sub(day, sentence), at) for title, sentence in base]
    return out


def hit(rng: random.Random, aid: str, event: tuple[str, str, float], *, feed: int, arrived: float) -> tuple[str, dict]:
    title, sentence, at = event
    a = article(aid, title, sentence + " " + _filler(rng, 190), feed=f"https://feed{feed}.example/rss",
                first_seen=arrived)
    a.published = at + 60.0 * feed
    [(key, value)] = hits_of(a)
    return key, value


def stage() -> StoryStage:
    book = MuteBook()
    book.ready.set()

    async def publish(_alert) -> None:
        return None

    return StoryStage(stories={}, last_hits={}, book=book, publish=publish, metrics=Metrics(), cooldown=600.0)


def open_stories(s: StoryStage) -> int:
    return len(st.bucket_of(s.stories.get(TOPIC))["stories"])


def measure(n: int, hits: int, pool: list, profile: cProfile.Profile | None) -> dict:
    """Fill a stage with ``n`` stories, then time ``hits`` hits; seconds per hit."""
    rng = random.Random(n)
    filled, fresh = pool[:n], pool[n:n + hits // 2]
    s = stage()
    fills = [hit(rng, f"fill-{i}", ev, feed=0, arrived=ev[2] + 60.0) for i, ev in enumerate(filled)]
    timed = []
    for i in range(hits):
        if i % 2 == 0:
            timed.append(hit(rng, f"new-{i}", fresh[i // 2], feed=0, arrived=MEASURED_AT + i))
        else:  # a second source of an open story (of the timed new ones when none was filled)
            joined = (filled or fresh)[rng.randrange(len(filled) if filled else i // 2 + 1)]
            timed.append(hit(rng, f"join-{i}", joined, feed=1 + i, arrived=MEASURED_AT + i))
    arrivals = [ev[2] + 60.0 for ev in filled] + [MEASURED_AT + i for i in range(hits)]

    async def run() -> list[float]:
        for (key, value), now in zip(fills, arrivals):
            await s.on_hit(key, value, now=now)
        before = open_stories(s)
        took = []
        for (key, value), now in zip(timed, arrivals[n:]):
            if profile:
                profile.enable()
            t, c = time.perf_counter(), time.process_time()
            await s.on_hit(key, value, now=now)
            took.append((time.perf_counter() - t, time.process_time() - c))
            if profile:
                profile.disable()
        return [before, open_stories(s), *took]

    before, after, *took = asyncio.run(run())
    return {"before": before, "after": after, "took": took}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="0,50,200,400", help="open stories in the bucket before the timed hits")
    ap.add_argument("--hits", type=int, default=40, help="timed hits per N (half new events, half second sources)")
    ap.add_argument("--profile", action="store_true", help="cProfile of the timed hits (all N together)")
    args = ap.parse_args()
    pool = events()
    sizes = [int(x) for x in args.n.split(",")]
    if max(sizes) + args.hits // 2 > len(pool):
        ap.error(f"only {len(pool)} distinct events of {TOPIC}")
    profile = cProfile.Profile() if args.profile else None
    print(f"command: python bench/bench_story_stage.py {' '.join(sys.argv[1:])}")
    print(f"topic {TOPIC}: {len(pool)} distinct events available; {args.hits} timed hits per N")
    for n in sizes:
        res = measure(n, args.hits, pool, profile)
        wall, cpu = ([1000 * x[i] for x in res["took"]] for i in (0, 1))
        print(f"N={n:4d} (open stories {res['before']} -> {res['after']}): per hit median {statistics.median(wall):6.2f} ms, "
              f"mean {statistics.mean(wall):6.2f} ms, max {max(wall):6.2f} ms; CPU median {statistics.median(cpu):6.2f} ms, "
              f"mean {statistics.mean(cpu):6.2f} ms")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
