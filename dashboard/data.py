"""The dashboard's only window on the store: small aggregate queries, computed in SQL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, select

from ingest.config import Settings
from ingest.store import Store
from ingest.store.schema import mentions


@dataclass
class _Context:
    settings: Settings | None = None
    store: Store | None = None


_ctx = _Context()


def configure(settings: Settings, store: Store | None = None) -> None:
    """Called once by create_app; pages read through the functions below."""
    _ctx.settings = settings
    _ctx.store = store or Store(settings.database_url)


def settings() -> Settings:
    if _ctx.settings is None:
        raise RuntimeError("dashboard.data.configure(settings) has not been called")
    return _ctx.settings


def store() -> Store:
    if _ctx.store is None:
        raise RuntimeError("dashboard.data.configure(settings) has not been called")
    return _ctx.store


def brand_names() -> list[str]:
    return [b.name for b in settings().brands]


def day_range() -> tuple[str | None, str | None]:
    """First and last day with mentions."""
    with store().connect() as conn:
        row = conn.execute(select(func.min(mentions.c.day), func.max(mentions.c.day))).first()
    return (row[0], row[1]) if row else (None, None)


def daily(brands: list[str], since: str | None, until: str | None) -> pd.DataFrame:
    """Per day and brand: mentions, owned, earned, and earned pos/neu/neg counts."""
    earned = ~mentions.c.owned
    q = select(
        mentions.c.day,
        mentions.c.brand,
        func.count().label("mentions"),
        func.sum(case((mentions.c.owned, 1), else_=0)).label("owned"),
        func.sum(case((earned, 1), else_=0)).label("earned"),
        func.sum(case(((mentions.c.label == "pos") & earned, 1), else_=0)).label("pos"),
        func.sum(case(((mentions.c.label == "neu") & earned, 1), else_=0)).label("neu"),
        func.sum(case(((mentions.c.label == "neg") & earned, 1), else_=0)).label("neg"),
    ).group_by(mentions.c.day, mentions.c.brand).order_by(mentions.c.day)
    if brands:
        q = q.where(mentions.c.brand.in_(brands))
    if since:
        q = q.where(mentions.c.day >= since)
    if until:
        q = q.where(mentions.c.day <= until)
    with store().connect() as conn:
        return pd.read_sql(q, conn)
