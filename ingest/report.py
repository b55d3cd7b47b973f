"""Read a brand's mentions for a window from the store and compute its control components."""

from __future__ import annotations

from ingest.config import Settings
from ingest.store import Store
from ingest.store import items as store_items
from analysis.control import control_components


def control_report(store: Store, settings: Settings, brand: str, since: str | None = None,
                   until: str | None = None) -> dict:
    """The contract's `koll control` object for one brand and inclusive day window."""
    b = settings.brand(brand)
    with store.connect() as conn:
        df = store_items.load_mentions(conn, b.name, since, until)
    out = {"brand": b.name, "since": since, "until": until}
    out.update(control_components(df, weights=dict(settings.control_weights)))
    return out
