"""How far a modal, a plan, a purpose or an infinitive reaches in the trigger's clause ("could be accompanied by
... a satellite launch", "plans to launch", "designed to intercept"): what it scopes over is no done act.

Pure functions over the clause's words before the trigger (:func:`agents.enrich.context_cues.context_vetoed` asks
them).
"""
from __future__ import annotations




#: verbs that carry an event noun: "preparations to conduct the underground nuclear test"
_LIGHT_VERBS = frozenset("conduct carry stage perform hold make launch fire test detonate explode attempt "
                         "undertake mount resume host".split())


_MODALS = frozenset("may might could would will can should must shall".split())


#: words that open a new clause after a modal: its scope ends there
_CLAUSE_OPENERS = frozenset("that which who whom when whenever after before because as since while if but although "
                            "though whereas said says told".split())


#: two-word plans that scope over their clause as a modal does: "is all set to launch this evening the
#: heaviest rocket GSLV-MkIII D1 carrying ...", "We have several missions coming up This Week in Rocket Launches"
# (and a hedge on the whole clause: "Russia appears to have experienced a setback in testing for its Sarmat")
_SCOPED_PLANS = frozenset({("set", "to"), ("coming", "up"), ("appears", "to"), ("appeared", "to"), ("seems", "to"),
                           ("seemed", "to")})


def _names_what_it_was(words: list[str], i: int) -> bool:
    """"appeared to be" hedges what was fired, not that it was: "detected what appeared to be two ballistic
    missiles fired from North Korea" (a launch); "Russia appears to have experienced a setback" hedges the event."""
    return words[i - 1] in ("appears", "appeared", "seems", "seemed") and i + 1 < len(words) and words[i + 1] == "be"


def modal_scope(words: list[str]) -> bool:
    """Is the trigger inside the verb phrase of an earlier modal (or a plan that scopes as one,
    ``_SCOPED_PLANS``) in its clause, however far ("a nuclear test could be accompanied by other
    provocative acts such as a satellite launch and the test-firing of missiles")? A clause opened
    after the modal ends its scope."""
    at = next((i for i in range(len(words) - 1, -1, -1)
               if words[i] in _MODALS or (i and (words[i - 1], words[i]) in _SCOPED_PLANS
                                          and not _names_what_it_was(words, i))), None)
    return at is not None and not any(w in _CLAUSE_OPENERS and not (w == "as" and words[i - 1] in ("such", "as"))
                                      for i, w in enumerate(words[at + 1:], at + 1))


#: what a thing is made for scopes over the rest of its clause as a modal does: "a missile system designed to
#: intercept and destroy short-range rockets", "designed to protect Israeli citizens from aerial attacks by
#: launching guided missiles that intercept incoming rockets" (an explainer's capability, no launch)
_PURPOSES = frozenset("designed built meant engineered developed".split())
#: a finite verb after the purpose ends it: "a missile designed to evade defences was launched on Tuesday"
_FINITE_AUXILIARIES = frozenset("was were is are has have had".split())


def purpose_scope(words: list[str]) -> bool:
    """Is the trigger inside "designed to ..." (``_PURPOSES`` + "to") earlier in its clause, with no clause
    opened and no finite auxiliary since?"""
    at = next((i for i in range(len(words) - 2, 0, -1) if words[i] == "to" and words[i - 1] in _PURPOSES), None)
    return at is not None and not any(w in _CLAUSE_OPENERS or w in _FINITE_AUXILIARIES for w in words[at + 1:])


def modal_before_to_ok(words: list[str]) -> bool:
    """"may be used to carry out their seventh nuclear test", "could be able to launch": a modal
    before "used to" / "able to" keeps what follows a possibility; "is able to carry" is a capability."""
    for i in range(len(words) - 1, max(0, len(words) - 4), -1):
        if words[i] == "to" and words[i - 1] in ("used", "able"):
            # "is able to carry a satellite" is a capability; "was able to launch" happened; "able to"
            # right after a noun is a capability too ("a law that bans importing missiles able to shoot
            # down airplanes")
            if words[i - 1] == "able" and (i < 2 or words[i - 2] not in ("was", "were", "been")):
                return True
            return any(w in _MODALS for w in words[max(0, i - 4):i - 1])
    return False


def infinitive(words: list[str], to_ok: frozenset[str]) -> bool:
    """'plans to launch' (words end ... 'to') is not an event; 'attempted to launch' is; nor
    is 'preparations to conduct the nuclear test' (a light verb before an event noun)."""
    if words[-2:] == ["to", "be"]:
        words = words[:-1]
    if words and words[-1] != "to":
        # "is scheduled to host an operational test launch": the light verb four words back at most
        at = next((i for i in range(len(words) - 2, max(-1, len(words) - 6), -1)
                   if words[i] == "to" and words[i + 1] in _LIGHT_VERBS), None)
        if at is None:
            return False
        words = words[:at + 1]
    if not words or words[-1] != "to":
        return False
    # a two-word ``to_ok`` ("went on", "continued on"): "the second stage continued on to deliver the satellite to
    # orbit" tells a done act after a done clause
    if len(words) < 2:
        return True
    ok = 1 if words[-2] in to_ok else 2 if " ".join(words[-3:-1]) in to_ok else 0
    if not ok:
        return True
    # the ``to_ok`` verb under an infinitive of its own is a purpose or a plan too: "The Long March-3B carrier rocket
    # to be used to launch the BDS-3 satellite", "to be able to launch"
    head = len(words) - 1 - ok
    return words[head - 1:head] == ["to"] or words[head - 2:head] == ["to", "be"]