"""Why the control index moved: each component's share of the change between two windows.

The index is 100 × Σ wᵢxᵢ / Σ wᵢ over the components available in a window (analysis.control).
Writing each component's term in both windows, w·x / W (x = 0 where it was not available),
splits the change exactly: the terms' differences add up to the index's, also when a component
entered or left the index (its own term moves, and the others are diluted or concentrated).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from analysis.control import COMPONENTS

#: Whether a rise of each component means more control for the brand (+1), less (−1), or is
#: neither (0: more voices or more mentions are not in themselves good or bad for control).
GOOD_DIRECTION: dict[str, int] = {
    "owned_share": 1,
    "echo_rate": 1,
    "agenda_share": 1,
    "dialogue_rate": 1,
    # Dialogue's two halves (analysis.wording names them) go the way dialogue does: the QA pass
    # saw "Dialog i egna kanaler" fall 50 points in grey while "Dialog" at -17 was red.
    "dialogue_own": 1,
    "dialogue_others": 1,
    "net_sentiment": 1,
    "share_of_voice": 1,
    "personal_share": 1,
    "control_index": 1,
    "effective_voices": 0,
    "new_voices": 0,
    "mentions": 0,
}


@dataclass(frozen=True)
class Driver:
    """One component's part in the index's change, in index points (signed)."""

    component: str
    before: float | None
    after: float | None
    points: float


def _scaled(name: str, v: float) -> float:
    return (v + 1) / 2 if name == "net_sentiment" else v


def _terms(report: Mapping, weights: Mapping[str, float]) -> dict[str, float]:
    used = [c for c in report.get("components_used") or () if c in COMPONENTS]
    w = {c: float(weights.get(c, 1.0)) for c in used}
    total = sum(w.values())
    if not total:
        return {}
    return {c: 100 * w[c] * _scaled(c, float(report[c])) / total for c in used}


def index_drivers(
    current: Mapping, previous: Mapping, weights: Mapping[str, float] | None = None
) -> list[Driver]:
    """Each component's contribution to control_index(current) − control_index(previous),
    largest first (by size); empty when either window has no index."""
    if current.get("control_index") is None or previous.get("control_index") is None:
        return []
    weights = weights or {}
    now, before = _terms(current, weights), _terms(previous, weights)
    drivers = [
        Driver(c, previous.get(c), current.get(c), now.get(c, 0.0) - before.get(c, 0.0))
        for c in COMPONENTS
        if c in now or c in before
    ]
    return sorted(drivers, key=lambda d: -abs(d.points))


def judgement(component: str, before: float | None, after: float | None) -> str:
    """'good', 'bad' or 'neutral': what the change means for the brand's control."""
    if before is None or after is None or before == after:
        return "neutral"
    sign = GOOD_DIRECTION.get(component, 0) * (1 if after > before else -1)
    return "good" if sign > 0 else ("bad" if sign < 0 else "neutral")
