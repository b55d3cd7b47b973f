"""The control components of a brand's conversation, computed from a DataFrame of its mentions."""

from __future__ import annotations

import pandas as pd

COMPONENTS = ("owned_share", "echo_rate", "agenda_share", "dialogue_rate", "net_sentiment")


def _ratio(num: float, den: float) -> float | None:
    return None if not den else num / den


def control_components(mentions: pd.DataFrame, *, weights: dict[str, float] | None = None) -> dict:
    """Components for one brand and window from its mentions (columns: key, owned, label, source, ...).

    A component that cannot be measured is None, never 0.
    """
    df = mentions.drop_duplicates("key") if not mentions.empty else mentions
    n = len(df)
    owned = int(df["owned"].astype(bool).sum()) if n else 0
    earned = n - owned
    earned_df = df[~df["owned"].astype(bool)] if n else df
    out: dict = {
        "mentions": n,
        "owned": owned,
        "earned": earned,
        "owned_share": _ratio(owned, n),
        "echo_rate": None,
        "agenda_share": None,
        "dialogue_rate": None,
        "net_sentiment": None,
        "hhi": None,
        "effective_voices": None,
        "share_of_voice": None,
        "personal_share": None,
        "new_voices": None,
    }
    if earned:
        pos = int((earned_df["label"] == "pos").sum())
        neg = int((earned_df["label"] == "neg").sum())
        out["net_sentiment"] = (pos - neg) / earned
        shares = earned_df["source"].value_counts(normalize=True)
        out["hhi"] = float((shares**2).sum())
        out["effective_voices"] = 1.0 / out["hhi"]
    out.update(control_index(out, weights))
    return out


def control_index(components: dict, weights: dict[str, float] | None = None) -> dict:
    """100 × weighted mean of the available components; net_sentiment enters as (x + 1) / 2."""
    weights = weights or {}
    total = wsum = 0.0
    used = []
    for name in COMPONENTS:
        v = components.get(name)
        if v is None:
            continue
        w = float(weights.get(name, 1.0))
        if w <= 0:
            continue
        total += w * ((v + 1) / 2 if name == "net_sentiment" else v)
        wsum += w
        used.append(name)
    return {"control_index": 100 * total / wsum if wsum else None, "components_used": used}
