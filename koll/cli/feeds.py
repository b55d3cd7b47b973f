"""`koll feeds`: feed health per the contract, and re-enabling a disabled feed."""

from __future__ import annotations

import json

from koll.cli._common import fail, local_minute, open_store, settings_from_args
from koll.config_values import hide_credentials

HELP = "feed health: status, last success, consecutive failures, last error, next due"
EXAMPLE = "koll feeds --format json      |  koll feeds --enable https://example.se/feed/"


def add_arguments(p) -> None:
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument(
        "--enable",
        metavar="URL",
        help="re-enable a disabled or gone feed (any other feed: poll it on the next run)",
    )


def _iso(dt) -> str | None:
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def feed_health(store, searches: dict | None = None, settings=None) -> list[dict]:
    """The contract's fields per configured feed; `searches` ({configured URL: SearchConfig})
    adds the search each feed came from (null for [[feeds]] entries).

    `settings` (searches expanded) gives the feeds koll.toml lists, shown as the next run would
    have them (ingest.feed_sync.as_configured) without writing that to the store (`koll feeds`
    only reads): stored ones as configured now, a moved feed under its new address too, then
    those no run has stored yet (status `never`). Without it, the feeds the store last had
    configured."""
    from ingest.feed_sync import as_configured
    from koll.store import feeds as store_feeds

    searches = searches or {}
    with store.connect() as conn:
        rows = store_feeds.all_feeds(conn) if settings is None else as_configured(conn, settings)
    # A feed URL may carry a user and password (a members' feed): shown masked, as database
    # URLs are, since this output ends up in cron mails and issue reports.
    return [
        {
            "url": hide_credentials(f.url),
            "status": f.status,
            "last_success": _iso(f.last_success),
            "failures": f.failures,
            "last_error": hide_credentials(f.last_error),
            "next_due": _iso(f.next_due),
            "kind": f.kind,
            "owner": f.owner,
            "title": f.title,
            # Entries past [fetch] max_entries in the last document read: a feed cut short
            # is "ok" and still incomplete.
            "dropped_entries": f.dropped_entries,
            "search": searches[f.config_url].describe() if f.config_url in searches else None,
        }
        for f in rows
    ]


# Google News' feeds say so in their <copyright>; whoever adds such a search should know it.
GOOGLE_NEWS_TERMS = (
    "note: Google News allows its feeds only in a personal feed reader for personal, "
    "non-commercial use (the <copyright> of each feed)"
)


def _search_line(search: dict) -> str:
    return "search: " + " ".join(
        f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in search.items()
    )


def _enable(store, settings, url: str) -> int:
    from ingest.feed_sync import as_configured
    from koll.config_values import feed_address
    from koll.store import feeds as store_feeds
    from koll.store import utcnow

    # The URL as koll.toml would take it: `HTTP://Host:80/feed` is `http://host/feed`.
    wanted = feed_address(url)
    with store.begin() as conn:
        # Which stored feeds koll.toml lists now, matched as a run's sync matches them. A URL
        # of a listed entry (or the address `koll feeds` shows for it) names that stored feed
        # only: after a site swapped its feeds, the retired row once configured there is
        # another feed (a review: it had been brought back and reported instead).
        rows = as_configured(conn, settings, quiet=True)
        entry = [
            r.id
            for r in rows
            if r.id > 0 and wanted in (feed_address(r.config_url), feed_address(r.url))
        ]
        found = store_feeds.enable_feed(
            conn, url, utcnow(), address=feed_address, ids=entry or None
        )
        listed = {r.id for r in rows}
    shown = hide_credentials(url)
    if not found:
        if feed_address(url) not in {feed_address(f.url) for f in settings.feeds}:
            return fail(f"no feed with URL {shown}", 2)
        # A configured feed no run has stored yet is polled on the next run anyway.
        print(f"{shown} is configured and not stored yet; it is polled on the next run")
        return 0
    resting = [r.status for r in found if r.status in ("disabled", "gone")]
    said = (
        f"enabled {shown} (it was {resting[0]})"
        if resting
        else (f"{shown} was not disabled ({found[0].status})")
    )
    if not any(r.id in listed for r in found):
        # A run reads only the feeds the file lists: "polled on the next run" was not so.
        print(
            f"{said}; it is not in koll.toml ({settings.config_path}), so no run polls it "
            "until it is listed there again"
        )
    else:
        print(f"{said}; it is polled on the next run")
    return 0


def run(args) -> int:
    from ingest.sources import with_searches

    settings = with_searches(settings_from_args(args))
    # Read-only but for --enable: a mistyped --db is named, not created, and the store's feeds
    # are not synced with this koll.toml (`koll ingest` does that; it may be another's file).
    store = open_store(settings, existing=True)
    try:
        if args.enable is not None:  # an empty --enable is "no feed with URL", not a listing
            return _enable(store, settings, args.enable)
        return _show(store, settings, args.format)
    finally:
        store.close()


def _show(store, settings, fmt: str) -> int:
    from koll.store import runs as store_runs

    searches = {f.url: f.search for f in settings.feeds if f.search}
    health = feed_health(store, searches, settings)
    if fmt == "json":
        print(json.dumps(health, ensure_ascii=False, indent=2))
        return 0
    with store.connect() as conn:
        last = store_runs.last_runs(conn, 1)
    if last:
        r = last[0]
        print(
            f"last run: {local_minute(r['started'])} {r['status']}: {r['feeds_ok']} ok, "
            f"{r['feeds_failed']} failed, {r['new_items']} new items"
        )
    print(f"{'status':9} {'fails':>5}  {'last success':16}  {'next due':16}  url / last error")
    under = " " * 52 + "↳"  # under the url
    for h in health:
        print(
            f"{h['status']:9} {h['failures']:>5}  {local_minute(h['last_success']):16}  "
            f"{local_minute(h['next_due']):16}  {h['url']}"
        )
        if h["search"]:
            print(f"{under} {_search_line(h['search'])}")
        if h["last_error"] and h["status"] != "ok":
            print(f"{under} {h['last_error']}")
        if h["dropped_entries"]:
            print(
                f"{under} {h['dropped_entries']} entries past max_entries "
                f"({settings.fetch.max_entries}) were dropped in the last fetch"
            )
    if any(h["search"] and h["search"]["type"] == "google_news" for h in health):
        print(GOOGLE_NEWS_TERMS)
    return 0
