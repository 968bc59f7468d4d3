"""Neurofeedback protocols, each defined as data: which band, at which sites, which way, and
how much it counts. A term's band may be a ratio of two bands ("theta/beta")."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from painwise.clinical.common import RuleBook
from painwise.clinical.neuro.bands import match_channels

RULES = RuleBook(
    """
nf_protocol_alpha_up
    source: clinical-facts 9 (alpha up-training, the most common protocol in the trials reviewed; Chiba 2022 alpha neurofeedback in chronic LBP)
    summary: Reward relative alpha above the baseline, over the posterior and temporal sites the headset has.

nf_protocol_smr_theta
    source: clinical-facts 9 (SMR 12-15 Hz up with theta down at C4)
    summary: Reward relative SMR up (weight 1) and relative theta down (weight 1) at C4, or C3 or Cz.

nf_protocol_theta_beta
    source: clinical-facts 9 (suppress theta, reinforce faster rhythms at one central site)
    summary: Reward a lower theta/beta power ratio at Cz, or Fz, C3 or C4.

nf_protocol_custom
    source: Painwise (a clinician's own protocol, written as data)
    summary: Terms of band, sites, direction and weight, read from the settings; refused when a term is malformed.
"""
)


class ProtocolError(ValueError):
    """A protocol that cannot run: malformed, or no site it needs on this headset."""


@dataclass(frozen=True, slots=True)
class Term:
    band: str  # a band name, or "a/b" for the ratio of two bands' absolute power
    sites: tuple[str, ...]  # channel names, any of which count (those present are averaged)
    direction: int  # +1 reward up, -1 reward down
    weight: float = 1.0

    @property
    def bands(self) -> tuple[str, ...]:
        return tuple(self.band.split("/"))


@dataclass(frozen=True, slots=True)
class Protocol:
    key: str
    rule: str
    terms: tuple[Term, ...]

    def channels(self, names: Sequence[str]) -> list[list[int]]:
        """For each term, the indexes of its sites in ``names`` (those present)."""
        found = []
        for term in self.terms:
            present = []
            for site in term.sites:
                try:
                    present += match_channels(names, [site])
                except KeyError:
                    continue
            if not present:
                raise ProtocolError(
                    f"this headset has no sensor at {', '.join(term.sites)} for {term.band}"
                )
            found.append(present)
        return found


POSTERIOR = ("O1", "O2", "Oz", "Pz", "PO7", "PO8", "P7", "P8", "TP9", "TP10")
PROTOCOLS: dict[str, Protocol] = {
    p.key: p
    for p in (
        Protocol("alpha_up", RULES.id("nf_protocol_alpha_up"), (Term("alpha", POSTERIOR, 1),)),
        Protocol(
            "smr_theta",
            RULES.id("nf_protocol_smr_theta"),
            (Term("smr", ("C4",), 1), Term("theta", ("C4",), -1)),
        ),
        Protocol(
            "theta_beta",
            RULES.id("nf_protocol_theta_beta"),
            (Term("theta/beta", ("Cz",), -1),),
        ),
    )
}
DEFAULT = "alpha_up"
_FALLBACK_SITES = {"smr_theta": ("C4", "C3", "Cz"), "theta_beta": ("Cz", "Fz", "C3", "C4")}


def for_headset(key: str, names: Sequence[str]) -> Protocol:
    """The protocol, with its sites narrowed to the first preferred site the headset has
    (central protocols train one site, as in the trials)."""
    protocol = PROTOCOLS[key]
    fallback = _FALLBACK_SITES.get(key)
    if fallback is None:
        return protocol
    for site in fallback:
        try:
            match_channels(names, [site])
        except KeyError:
            continue
        return Protocol(
            protocol.key,
            protocol.rule,
            tuple(Term(t.band, (site,), t.direction, t.weight) for t in protocol.terms),
        )
    raise ProtocolError(f"this headset has no sensor at {', '.join(fallback)}")


def custom(data: Mapping[str, Any], band_names: Sequence[str]) -> Protocol:
    """A clinician's protocol from settings: ``{"terms": [{"band": "alpha", "sites": ["C4"],
    "direction": "up", "weight": 1}, ...]}``. Raises ProtocolError with the first problem."""
    terms = data.get("terms") if isinstance(data, Mapping) else None
    if not isinstance(terms, list) or not terms:
        raise ProtocolError("a custom protocol needs a list of terms")
    out = []
    for n, term in enumerate(terms, 1):
        if not isinstance(term, Mapping):
            raise ProtocolError(f"term {n} must be an object")
        band = str(term.get("band", ""))
        if not band or any(b not in band_names for b in band.split("/")) or band.count("/") > 1:
            raise ProtocolError(f"term {n}: unknown band {band!r}")
        sites = term.get("sites")
        if not isinstance(sites, list) or not sites or not all(isinstance(s, str) for s in sites):
            raise ProtocolError(f"term {n}: sites must be a list of channel names")
        direction = {"up": 1, "down": -1}.get(str(term.get("direction")))
        if direction is None:
            raise ProtocolError(f"term {n}: direction must be up or down")
        weight = term.get("weight", 1)
        if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 < weight <= 10:
            raise ProtocolError(f"term {n}: weight must be a number above 0 and at most 10")
        out.append(Term(band, tuple(sites), direction, float(weight)))
    return Protocol("custom", RULES.id("nf_protocol_custom"), tuple(out))
