"""The column types of every DataFrame the API returns, so empty and full results look alike.

Analysts' code breaks in confusing ways when a column is `object` on one day and `float` on the
next, or when an empty result has no columns at all; every frame therefore goes through
`typed()`, which also turns the database's naive UTC times into Europe/Stockholm times.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from koll.config_values import hide_credentials

TZ = "Europe/Stockholm"

#: Tone labels in their natural order, so sorting and crosstabs read negative → positive.
LABEL = pd.CategoricalDtype(["neg", "neu", "pos"], ordered=True)

_STR = "str"
_TIME = f"datetime64[us, {TZ}]"
_DAY = "datetime64[us]"  # a Europe/Stockholm calendar day, as a naive midnight timestamp

MENTIONS = {
    "item_id": "Int64",
    "key": _STR,
    "url": _STR,
    "title": _STR,
    "text": _STR,
    "published": _TIME,
    "published_estimated": "boolean",
    "day": _DAY,
    "brand": _STR,
    "owned": "bool",
    "owned_by": _STR,
    "person": _STR,
    "source": _STR,
    "kind": _STR,
    "lang": _STR,
    "author": _STR,
    "label": LABEL,
    "score": "float64",
    "confidence": "float64",
    "model": _STR,
    "key_message": "boolean",
    "story": "Int64",
    "parent_key": _STR,
    "feed": _STR,
}

ITEMS = {
    "item_id": "Int64",
    "key": _STR,
    "url": _STR,
    "title": _STR,
    "text": _STR,
    "published": _TIME,
    "published_estimated": "boolean",
    "day": _DAY,
    "first_seen": _TIME,
    "source": _STR,
    "kind": _STR,
    "lang": _STR,
    "author": _STR,
    "label": LABEL,
    "score": "float64",
    "confidence": "float64",
    "model": _STR,
    "story": "Int64",
    "parent_key": _STR,
    "feed": _STR,
}

CORRECTIONS = {
    "correction_id": "Int64",
    "item_id": "Int64",
    "brand": _STR,
    "label": LABEL,
    "previous_label": LABEL,
    "created_at": _TIME,
    "author": _STR,
    "title": _STR,
    "text": _STR,
    "source": _STR,
    "published": _TIME,
}

CLASSIFIED = {
    "text": _STR,
    "label": LABEL,
    "score": "float64",
    "confidence": "float64",
    "lang": _STR,
    "model": _STR,
}

# The three below mirror koll.store.views's stories_for / topics_for / alerts_list, typed.
STORIES = {
    "story": "Int64",
    "size": "Int64",
    "first_published": _TIME,
    "last_published": _TIME,
    "first_item_id": "Int64",
    "title": _STR,
    "mentions": "Int64",
    "owned": "Int64",
    "first_mention": _TIME,
    "updated_at": _TIME,
}

TOPICS = {
    "brand": _STR,
    "topic_no": "Int64",
    "label": _STR,
    "terms": "object",
    "size": "Int64",
    "share": "float64",
    "representative_item_id": "Int64",
    "representative_title": _STR,
}

ALERTS = {
    "id": "Int64",
    "brand": _STR,
    "kind": _STR,
    "day": _DAY,
    "subject": _STR,
    "reason": _STR,
    "value": "float64",
    "baseline": "float64",
    "p_value": "float64",
    "created_at": _TIME,
    "delivered_at": _TIME,
    "details": "object",  # a dict: why the alert fired (docs/api.md)
}

# `ws.control_over_time()`: control_report's keys per period, `unanswered` left out. A component
# that cannot be measured is None in the report and NaN here, in a float64 column whatever the
# periods hold (a window without mentions made every such column `object`, full of None).
_COUNT = "int64"
_SHARE = "float64"
CONTROL = {
    "period": _STR,
    "start": _DAY,
    "end": _DAY,
    "brand": _STR,
    "mentions": _COUNT,
    "owned": _COUNT,
    "earned": _COUNT,
    "owned_share": _SHARE,
    "echo_rate": _SHARE,
    "agenda_share": _SHARE,
    "dialogue_rate": _SHARE,
    "dialogue_own": _SHARE,
    "dialogue_others": _SHARE,
    "dialogue_threads": _COUNT,
    "dialogue_answered": _COUNT,
    "response_hours": _SHARE,
    "net_sentiment": _SHARE,
    "hhi": _SHARE,
    "effective_voices": _SHARE,
    "share_of_voice": _SHARE,
    "personal_share": _SHARE,
    "new_voices": _COUNT,  # None only for all history, and every period has a previous one
    "new_voice_sources": "object",  # a list of sources
    "control_index": _SHARE,
    "components_used": "object",  # a list of component names
}

# koll.store.views.control_report's `unanswered` threads, as `ws.unanswered()` returns them.
UNANSWERED = {
    "item_id": "Int64",
    "title": _STR,
    "url": _STR,
    "source": _STR,
    "owned": "bool",
    "outside_comments": "Int64",
    "latest_item_id": "Int64",
    "latest_author": _STR,
    "latest_at": _TIME,
    "latest_snippet": _STR,
    "latest_label": LABEL,
    "latest_score": "float64",
    "latest_confidence": "float64",
    "latest_url": _STR,
}


def empty(schema: Mapping[str, object], columns: list[str] | None = None) -> pd.DataFrame:
    """A frame with no rows but the right columns and dtypes."""
    names = columns if columns is not None else list(schema)
    return pd.DataFrame({n: pd.Series([], dtype=schema.get(n, "object")) for n in names})


def _time(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert(TZ).astype(_TIME)
    # The store's times are naive UTC (strings on some SQLite paths, datetimes otherwise).
    return pd.to_datetime(s, utc=True, format="mixed").dt.tz_convert(TZ).astype(_TIME)


def _day(s: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s) and not isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.astype(_DAY)
    text = s.astype("str").replace("", None)  # '' marks an open end in some tables
    return pd.to_datetime(text, format="%Y-%m-%d").astype(_DAY)


def typed(df: pd.DataFrame, schema: Mapping[str, object]) -> pd.DataFrame:
    """Cast the columns of `df` that `schema` knows; unknown columns are left as they are."""
    if df.empty:
        out = empty(schema, list(df.columns))
        return out
    out = df.copy()
    for name in out.columns:
        dtype = schema.get(name)
        if dtype is None:
            continue
        col = out[name]
        if dtype == _TIME:
            out[name] = _time(col)
        elif dtype == _DAY:
            out[name] = _day(col)
        elif dtype == "bool":
            out[name] = col.fillna(False).astype(bool)
        elif dtype == "boolean":
            out[name] = col.astype("boolean")
        elif dtype == "Int64":
            out[name] = pd.to_numeric(col).astype("Int64")
        else:
            out[name] = col.astype(dtype)
    if "feed" in out.columns and schema.get("feed") == _STR:
        # A feed URL may carry user:password@ (a members' feed); notebooks get shared.
        out["feed"] = out["feed"].map(hide_credentials, na_action="ignore").astype(_STR)
    return out
