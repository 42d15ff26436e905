"""Work started in a thread at start-up and awaited where its result is first needed.

``watchfloor run`` spends about a second of CPU building the enrich stage (the gazetteer read
from its cache, the rule pack's patterns compiled), while Faust's start waits on the broker
and on the loop (producer and consumer start, the web server, the agents). Built in a thread,
the two overlap; the worker joins its group once the stage is built
(:class:`streams.kafka.faust_app.TableManager`).

A failed build is kept and raised to whoever asks for the result (:meth:`Background.wait`,
:meth:`Background.result`), and :meth:`Background.error` says it without raising.

:func:`long_lived` builds what lives as long as the worker out of the cyclic collector's sight.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gc
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``build()`` run once in its own (daemon) thread, started at construction."""

    def __init__(self, build: Callable[[], T], *, name: str) -> None:
        self._future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run, args=(build,), name=name, daemon=True)
        self._thread.start()

    def _run(self, build: Callable[[], T]) -> None:
        try:
            value = build()
        except BaseException as exc:  # noqa: BLE001 - raised to the reader
            self._future.set_exception(exc)
        else:
            self._future.set_result(value)

    def done(self) -> bool:
        return self._future.done()

    def error(self) -> BaseException | None:
        """What the build raised, once done; None while it runs or if it succeeded."""
        return self._future.exception() if self._future.done() else None

    def result(self, timeout: float | None = None) -> T:
        """The built value, waiting for it (blocks: from a thread, or once :meth:`done`)."""
        return self._future.result(timeout)

    async def wait(self) -> T:
        """The built value, awaited on the running loop."""
        return await asyncio.wrap_future(self._future)

    async def failed(self) -> bool:
        """Awaits the end of the build; whether it raised (which it does not raise here)."""
        await asyncio.wait([asyncio.wrap_future(self._future)])
        return self._future.exception() is not None


def long_lived(build: Callable[[], T]) -> T:
    """``build()`` with the cyclic collector paused, then everything alive frozen
    (``gc.freeze``) before it resumes: the enrich stage's ~600,000 objects (gazetteer, rule
    pack) are never walked by a collection (one full pass over them took 0.26-0.47 s; see
    bench/README.md, "Worker CPU per article" for why the worker freezes what it built). Frozen
    objects are still freed by reference counting; only a cycle among them would outlive its
    use (a collection after the whole start-up build found ~60 objects to free)."""
    was = gc.isenabled()
    gc.disable()
    try:
        value = build()
        gc.freeze()
        return value
    finally:
        if was:
            gc.enable()
