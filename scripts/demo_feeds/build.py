"""Generate koll's bundled Swedish demo feeds.

Run from the repository root:

    .venv/bin/python scripts/demo_feeds/build.py

Writes data/demo/feeds/*.xml, data/demo/koll.toml.template and data/demo/README.md from the
hand-written posts in the modules next to this file, and prints item counts. The output is
deterministic (no clocks, no randomness): running it twice gives identical files.

All texts are fictional and were written for koll; they are licensed CC BY 4.0.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import blogs  # noqa: E402
import comments  # noqa: E402
import forum  # noqa: E402
import news  # noqa: E402
import owned  # noqa: E402
import social  # noqa: E402

REPO = HERE.parent.parent
OUT = REPO / "data" / "demo"
FEEDS_DIR = OUT / "feeds"

CET = timezone(timedelta(hours=1))  # Europe/Stockholm in Oct 26 .. Nov 22 2026 (after DST)
UTM = "utm_source=rss&utm_medium=feed"

BRANDS = [
    {
        "name": "Fjällkraft",
        "aliases": ["Fjällkraft AB", "@fjallkraft", "#fjällkraft"],
        "exclude": ["Fjällkraftverket"],
        "owned_domains": ["fjallkraft.se"],
        "people": ["Anna Berg", "Johan Lind"],
        "key_messages": [
            "förnybar el till alla",
            "lokal vindkraft",
            "fast pris utan överraskningar",
        ],
        "competitors": ["Nordvind"],
    },
    {
        "name": "Nordvind",
        "aliases": ["Nordvind Energi", "@nordvind"],
        "exclude": ["nordvinden", "hård nordvind", "kall nordvind", "isande nordvind"],
        "owned_domains": ["nordvind.se"],
        "people": ["Karin Ek"],
        "key_messages": ["billigast i norr", "vind från Norrland"],
        "competitors": ["Fjällkraft"],
    },
]


# --------------------------------------------------------------------------- model


@dataclass
class Entry:
    when: datetime  # aware, CET
    author: str
    title: str
    body: str  # plain text, paragraphs separated by blank lines
    key: str | None = None
    n_comments: int = 0
    link: str = ""
    guid: str = ""
    post_id: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.strip().split("\n\n") if p.strip()]

    @property
    def html(self) -> str:
        return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.paragraphs)

    @property
    def summary(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""


@dataclass
class Feed:
    file: str
    kind: str
    title: str
    site: str
    description: str
    entries: list[Entry]
    owner: str | None = None
    fmt: str = (
        "wp-rss"  # wp-rss | news-rss | atom | wp-comments-rss | wp-comments-atom | mastodon-rss
    )
    dates: str = "rfc-local"  # rfc-local | rfc-gmt | rfc-utc | iso-z | iso-local
    encoding: str = "UTF-8"
    lang: str = "sv"
    interval: str | None = None
    self_url: str = ""
    parent: Entry | None = None  # comment feeds
    search: str = ""  # a platform's feed: the [[searches]] entry that follows it (koll.toml)


def local(ts: str) -> datetime:
    return datetime.strptime(ts, "%Y-%m-%d %H:%M").replace(tzinfo=CET)


def fmt_date(dt: datetime, style: str) -> str:
    if style == "rfc-local":
        return format_datetime(dt)  # Tue, 10 Nov 2026 08:15:00 +0100
    if style == "rfc-utc":
        return format_datetime(dt.astimezone(UTC))  # Mastodon's: Sat, 09 Mar 2024 16:01:45 +0000
    if style == "rfc-gmt":
        return format_datetime(dt.astimezone(UTC), usegmt=True)
    if style == "iso-z":
        return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if style == "iso-local":
        return dt.isoformat()  # 2026-11-10T08:15:00+01:00
    raise ValueError(style)


_TRANS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "a", "Ä": "a", "Ö": "o"})


def slugify(title: str, limit: int = 60) -> str:
    s = title.lower().translate(_TRANS)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0]
    return s


def entries_from(rows) -> list[Entry]:
    out = []
    for row in rows:
        ts, author, title, body, *rest = row
        extra = rest[0] if rest else {}
        out.append(
            Entry(
                local(ts),
                author,
                title,
                body,
                key=extra.get("key"),
                n_comments=extra.get("comments", 0),
            )
        )
    return out


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def cdata(s: str) -> str:
    assert "]]>" not in s
    return f"<![CDATA[{s}]]>"


# --------------------------------------------------------------------------- resolve references

PRESS_BY_KEY = {
    r[4]["key"]: r
    for r in owned.FJALLKRAFT_PRESS + owned.NORDVIND_NEWS
    if len(r) > 4 and "key" in r[4]
}


def news_entries(outlet: str, rows) -> list[Entry]:
    out = []
    for row in rows:
        if row[0] == "wire":
            _, key, delay, title, dateline = row
            ts, wtitle, body = news.WIRE[key]
            paras = body.strip().split("\n\n")
            paras[0] = f"{dateline} (TT) {paras[0]}"
            out.append(
                Entry(
                    local(ts) + timedelta(minutes=delay),
                    "TT",
                    title or wtitle,
                    "\n\n".join(paras),
                    extra={"wire": key},
                )
            )
        elif row[1] == "echo":
            ts, _, key = row
            author, title, intro = news.ECHO[(outlet, key)]
            src = PRESS_BY_KEY[key]
            body = (
                src[3].replace("Fjällkraft AB", "Fjällkraft").replace("Nordvind Energi", "Nordvind")
            )
            out.append(Entry(local(ts), author, title, intro + "\n\n" + body, extra={"echo": key}))
        else:
            out.extend(entries_from([row]))
    return out


def number(entries: list[Entry], start: int, step: int) -> None:
    """Give entries deterministic post ids in chronological order."""
    for i, e in enumerate(sorted(entries, key=lambda e: e.when)):
        e.post_id = start + i * step


# --------------------------------------------------------------------------- feeds


def build_feeds() -> list[Feed]:
    feeds: list[Feed] = []

    # 1. Fjällkraft's WordPress blog
    site = "https://blogg.fjallkraft.se"
    es = entries_from(owned.FJALLKRAFT_BLOG)
    number(es, 412, 7)
    for e in es:
        e.link = f"{site}/{e.when:%Y/%m/%d}/{slugify(e.title)}/"
        e.guid = f"{site}/?p={e.post_id}"
    feeds.append(
        Feed(
            "fjallkraft-blogg.xml",
            "blog",
            "Fjällkraft-bloggen",
            site,
            "Vi som jobbar på Fjällkraft skriver om vindkraft, elpriset och vardagen",
            es,
            owner="Fjällkraft",
            fmt="wp-rss",
            dates="rfc-local",
            interval="30m",
            self_url=f"{site}/feed/",
        )
    )

    # 2. Fjällkraft press room (Atom)
    site = "https://www.fjallkraft.se"
    es = entries_from(owned.FJALLKRAFT_PRESS)
    number(es, 1042, 3)
    for e in es:
        e.link = f"{site}/press/{e.when:%Y}/{slugify(e.title)}"
        e.guid = f"tag:fjallkraft.se,{e.when:%Y-%m-%d}:press/{e.post_id}"
    feeds.append(
        Feed(
            "fjallkraft-press.xml",
            "press",
            "Fjällkraft – Pressrum",
            site,
            "Pressmeddelanden från Fjällkraft AB",
            es,
            owner="Fjällkraft",
            fmt="atom",
            dates="iso-local",
            self_url=f"{site}/press/atom.xml",
        )
    )

    # 3. Nordvind news (RSS, GMT dates)
    site = "https://nordvind.se"
    es = entries_from(owned.NORDVIND_NEWS)
    number(es, 301, 1)
    for e in es:
        e.link = f"{site}/nyheter/{slugify(e.title)}/"
        e.guid = e.link
    feeds.append(
        Feed(
            "nordvind-nyheter.xml",
            "press",
            "Nordvind Energi – Nyheter",
            site,
            "Nyheter från Nordvind Energi",
            es,
            owner="Nordvind",
            fmt="news-rss",
            dates="rfc-gmt",
            self_url=f"{site}/nyheter/rss.xml",
        )
    )

    # 4. Norrlandsposten: WordPress-based newspaper, RSS +0100, every link with utm params
    site = "https://www.norrlandsposten.se"
    es = news_entries("norrlandsposten", news.NORRLANDSPOSTEN)
    number(es, 88120, 13)
    for e in es:
        section = "ledare" if e.title.startswith("Ledare") else "nyheter"
        e.extra["clean"] = f"{site}/{section}/{e.when:%Y/%m/%d}/{slugify(e.title)}/"
        e.link = e.extra["clean"] + "?" + UTM
        e.guid = f"{site}/?p={e.post_id}"
    feeds.append(
        Feed(
            "norrlandsposten.xml",
            "news",
            "Norrlandsposten – Nyheter",
            site,
            "Nyheter från Norrbotten och Västerbotten",
            es,
            fmt="wp-rss",
            dates="rfc-local",
            interval="15m",
            self_url=f"{site}/feed/",
        )
    )

    # 5. Energinytt: trade press, Atom with Z dates, utm params on every third link
    site = "https://energinytt.se"
    es = news_entries("energinytt", news.ENERGINYTT)
    number(es, 20451, 1)
    for i, e in enumerate(sorted(es, key=lambda e: e.when)):
        e.extra["clean"] = f"{site}/artikel/{e.post_id}-{slugify(e.title)}"
        e.link = e.extra["clean"] + (f"?{UTM}&utm_campaign=nyhetsflode" if i % 3 == 0 else "")
        e.guid = f"urn:energinytt:artikel:{e.post_id}"
    feeds.append(
        Feed(
            "energinytt.xml",
            "news",
            "Energinytt",
            site,
            "Nyheter om energibranschen i norra Sverige",
            es,
            fmt="atom",
            dates="iso-z",
            self_url=f"{site}/feed.atom",
        )
    )

    # 6. Dagbladet Norr: RSS served as ISO-8859-1, GMT dates
    site = "https://www.dagbladetnorr.se"
    es = news_entries("dagbladet-norr", news.DAGBLADET_NORR)
    number(es, 55310, 4)
    for e in es:
        e.link = f"{site}/{e.when:%Y/%m/%d}/{slugify(e.title)}/"
        e.extra["clean"] = e.link
        e.guid = f"{site}/?p={e.post_id}"
    feeds.append(
        Feed(
            "dagbladet-norr.xml",
            "news",
            "Dagbladet Norr",
            site,
            "Västerbottens nyheter",
            es,
            fmt="news-rss",
            dates="rfc-gmt",
            encoding="ISO-8859-1",
            self_url=f"{site}/feed/",
        )
    )

    # 7. Elbloggen (independent WordPress blog)
    site = "https://elbloggen.se"
    es = entries_from(blogs.ELBLOGGEN)
    number(es, 1187, 5)
    for e in es:
        e.link = f"{site}/{e.when:%Y/%m}/{slugify(e.title)}/"
        e.guid = f"{site}/?p={e.post_id}"
        e.n_comments = e.n_comments or (e.post_id % 4)
    feeds.append(
        Feed(
            "elbloggen.xml",
            "blog",
            "Elbloggen",
            site,
            "Per Wallin skriver om elpriser, elavtal och energi i norr",
            es,
            fmt="wp-rss",
            dates="rfc-local",
            self_url=f"{site}/feed/",
        )
    )

    # 8. Villabloggen (independent WordPress blog, Atom feed)
    site = "https://villabloggen.se"
    es = entries_from(blogs.VILLABLOGGEN)
    number(es, 640, 2)
    for e in es:
        e.link = f"{site}/{e.when:%Y/%m/%d}/{slugify(e.title)}/"
        e.guid = f"{site}/?p={e.post_id}"
    feeds.append(
        Feed(
            "villabloggen.xml",
            "blog",
            "Villa Granlund",
            site,
            "Livet i en villa utanför Skellefteå",
            es,
            fmt="atom",
            dates="iso-local",
            self_url=f"{site}/feed/atom/",
        )
    )

    # 9. Energiforum
    site = "https://www.energiforum.se"
    es = []
    threads: dict[str, int] = {}
    for i, (ts, nick, thread, text) in enumerate(sorted(forum.ENERGIFORUM, key=lambda r: r[0])):
        first = thread not in threads
        if first:
            threads[thread] = 3100 + 17 * len(threads)
        e = Entry(local(ts), nick, thread if first else f"Re: {thread}", text)
        e.post_id = 58200 + 3 * i
        e.link = f"{site}/t/{slugify(thread) or 'trad'}.{threads[thread]}/post-{e.post_id}"
        e.guid = e.link
        es.append(e)
    feeds.append(
        Feed(
            "energiforum.xml",
            "forum",
            "Energiforum – Senaste inläggen",
            site,
            "Diskussionsforum om el, värme och energi",
            es,
            fmt="news-rss",
            dates="rfc-gmt",
            interval="10m",
            self_url=f"{site}/forums/-/index.rss",
        )
    )

    # 11. Nordic Energy Watch (English)
    site = "https://nordicenergywatch.com"
    es = entries_from(blogs.NORDIC_ENERGY_WATCH)
    number(es, 1, 1)
    for e in es:
        e.link = f"{site}/{e.when:%Y/%m}/{slugify(e.title)}/"
        e.guid = f"tag:nordicenergywatch.com,2026:post-{e.post_id}"
    feeds.append(
        Feed(
            "nordic-energy-watch.xml",
            "blog",
            "Nordic Energy Watch",
            site,
            "Independent commentary on Nordic power markets",
            es,
            fmt="atom",
            dates="iso-z",
            lang="en",
            self_url=f"{site}/feed.atom",
        )
    )

    # 12. Mastodon: the hashtag #fjällkraft on mastodon.nu, as a [[searches]] entry follows it
    site = "https://mastodon.nu"
    es = []
    for ts, account, status, text in social.MASTODON_TAG:
        user, server = account.split("@")
        e = Entry(local(ts), f"@{account}", "", text)
        e.link = e.guid = f"https://{server}/@{user}/{status}"
        e.post_id = int(status)
        es.append(e)
    feeds.append(
        Feed(
            "mastodon-fjallkraft.xml",
            "social",
            "#fjällkraft",
            site,
            "Public posts tagged #fjällkraft",
            es,
            fmt="mastodon-rss",
            dates="rfc-utc",
            self_url=f"{site}/tags/fj%C3%A4llkraft.rss",
            search='type = "mastodon", query = "fjällkraft", instance = "mastodon.nu"',
        )
    )

    # 10. Comment feeds
    by_file = {f.file: f for f in feeds}
    for n, th in enumerate(comments.THREADS):
        pfeed = by_file[th["parent"][0]]
        parent = next(e for e in pfeed.entries if e.key == th["parent"][1])
        parent.n_comments = len(th["comments"])
        purl = parent.extra.get("clean", parent.link)
        cid0 = 2400 + 211 * n
        es = []
        for i, (ts, who, text) in enumerate(th["comments"]):
            cid = cid0 + 2 * i
            e = Entry(local(ts), who, f"Kommentar till {parent.title} av {who}", text)
            e.post_id = cid
            e.link = f"{purl}#comment-{cid}"
            e.guid = f"{pfeed.site}/?p={parent.post_id}#comment-{cid}"
            es.append(e)
        fmt = "wp-comments-atom" if th["format"] == "atom" else "wp-comments-rss"
        feeds.append(
            Feed(
                th["file"],
                "comments",
                f"Kommentarer till: {parent.title}",
                pfeed.site,
                pfeed.description,
                es,
                fmt=fmt,
                dates="iso-local" if fmt.endswith("atom") else "rfc-local",
                self_url=purl + ("feed/atom/" if fmt.endswith("atom") else "feed/"),
                parent=parent,
            )
        )
    return feeds


# --------------------------------------------------------------------------- writers

RSS_NS = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
    '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
    '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
    '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
    '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
)


def newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.when, e.post_id), reverse=True)


def write_rss(feed: Feed) -> str:
    es = newest_first(feed.entries)
    d = feed.dates
    wp = feed.fmt.startswith("wp")
    lines = [
        f'<?xml version="1.0" encoding="{feed.encoding}"?>',
        f'<rss version="2.0"\n\t{RSS_NS}\n\t>',
        "",
        "<channel>",
        f"\t<title>{esc(feed.title)}</title>",
        f'\t<atom:link href="{esc(feed.self_url)}" rel="self" type="application/rss+xml" />',
        f"\t<link>{esc(feed.parent.extra.get('clean', feed.parent.link) if feed.parent else feed.site + '/')}</link>",
        f"\t<description>{esc(feed.description)}</description>",
        f"\t<lastBuildDate>{fmt_date(es[0].when, d)}</lastBuildDate>",
        f"\t<language>{'sv-SE' if feed.lang == 'sv' else 'en-US'}</language>",
    ]
    if wp:
        lines += [
            "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>",
            "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>",
            "\t<generator>https://wordpress.org/?v=6.6.2</generator>",
        ]
    for e in es:
        lines.append("\t<item>")
        lines.append(f"\t\t<title>{esc(e.title)}</title>")
        lines.append(f"\t\t<link>{esc(e.link)}</link>")
        if feed.fmt == "wp-comments-rss":
            lines.append(f"\t\t<dc:creator>{cdata(e.author)}</dc:creator>")
            lines.append(f"\t\t<pubDate>{fmt_date(e.when, d)}</pubDate>")
            lines.append(f'\t\t<guid isPermaLink="false">{esc(e.guid)}</guid>')
            lines.append(
                f"\t\t<description>{cdata(html.escape(e.body, quote=False))}</description>"
            )
            lines.append(f"\t\t<content:encoded>{cdata(e.html)}</content:encoded>")
        elif wp:
            base = e.extra.get("clean", e.link)
            lines.append(f"\t\t<comments>{esc(base)}#respond</comments>")
            lines.append(f"\t\t<dc:creator>{cdata(e.author)}</dc:creator>")
            lines.append(f"\t\t<pubDate>{fmt_date(e.when, d)}</pubDate>")
            lines.append(f"\t\t<category>{cdata(category(feed, e))}</category>")
            lines.append(f'\t\t<guid isPermaLink="false">{esc(e.guid)}</guid>')
            lines.append(
                f"\t\t<description>{cdata(html.escape(e.summary, quote=False) + ' [&#8230;]')}</description>"
            )
            lines.append(f"\t\t<content:encoded>{cdata(e.html)}</content:encoded>")
            lines.append(f"\t\t<wfw:commentRss>{esc(base)}feed/</wfw:commentRss>")
            lines.append(f"\t\t<slash:comments>{e.n_comments}</slash:comments>")
        else:  # plain news RSS: escaped HTML description, dc:creator, permalink guid
            lines.append(f"\t\t<dc:creator>{esc(e.author)}</dc:creator>")
            lines.append(f"\t\t<pubDate>{fmt_date(e.when, d)}</pubDate>")
            lines.append(f"\t\t<category>{esc(category(feed, e))}</category>")
            lines.append(
                f'\t\t<guid isPermaLink="{"true" if e.guid == e.link else "false"}">{esc(e.guid)}</guid>'
            )
            lines.append(f"\t\t<description>{esc(e.html)}</description>")
        lines.append("\t</item>")
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines)


def write_mastodon(feed: Feed) -> str:
    """RSS 2.0 as Mastodon serves a hashtag: no item titles or authors, the post as escaped
    HTML in the description, its address as link and permalink GUID, the tags as categories."""
    es = newest_first(feed.entries)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:webfeeds="http://webfeeds.org/rss/1.0" '
        'xmlns:media="http://search.yahoo.com/mrss/">',
        "  <channel>",
        f"    <title>{esc(feed.title)}</title>",
        f"    <description>{esc(feed.description)}</description>",
        f"    <link>{esc(feed.self_url.removesuffix('.rss'))}</link>",
        f"    <lastBuildDate>{fmt_date(es[0].when, feed.dates)}</lastBuildDate>",
        "    <generator>Mastodon v4.3.2</generator>",
    ]
    for e in es:
        tags = re.findall(r"#(\w+)", e.body)
        text = re.sub(
            r"#(\w+)",
            lambda m: (
                f'<a href="https://mastodon.nu/tags/{m[1]}" class="mention hashtag" '
                f'rel="tag">#<span>{m[1]}</span></a>'
            ),
            html.escape(e.body, quote=False),
        )
        lines += [
            "    <item>",
            f'      <guid isPermaLink="true">{esc(e.guid)}</guid>',
            f"      <link>{esc(e.link)}</link>",
            f"      <pubDate>{fmt_date(e.when, feed.dates)}</pubDate>",
            f"      <description>{esc(f'<p>{text}</p>')}</description>",
            *(f"      <category>{esc(t)}</category>" for t in tags),
            "    </item>",
        ]
    lines += ["  </channel>", "</rss>", ""]
    return "\n".join(lines)


def write_atom(feed: Feed) -> str:
    es = newest_first(feed.entries)
    d = feed.dates
    comments_feed = feed.fmt == "wp-comments-atom"
    alt = feed.parent.link if feed.parent else feed.site + "/"
    lines = [
        f'<?xml version="1.0" encoding="{feed.encoding}"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{"sv-SE" if feed.lang == "sv" else "en-GB"}"'
        + ('\n  xmlns:thr="http://purl.org/syndication/thread/1.0"' if comments_feed else "")
        + ">",
        f'\t<title type="text">{esc(feed.title)}</title>',
        f'\t<subtitle type="text">{esc(feed.description)}</subtitle>',
        f"\t<updated>{fmt_date(es[0].when, d)}</updated>",
        f'\t<link rel="alternate" type="text/html" href="{esc(alt)}" />',
        f"\t<id>{esc(feed.self_url)}</id>",
        f'\t<link rel="self" type="application/atom+xml" href="{esc(feed.self_url)}" />',
    ]
    if comments_feed or feed.file == "villabloggen.xml":
        lines.append(
            '\t<generator uri="https://wordpress.org/" version="6.6.2">WordPress</generator>'
        )
    for e in es:
        lines.append("\t<entry>")
        lines.append(f"\t\t<author>\n\t\t\t<name>{esc(e.author)}</name>\n\t\t</author>")
        lines.append(f'\t\t<title type="text">{esc(e.title)}</title>')
        lines.append(f'\t\t<link rel="alternate" type="text/html" href="{esc(e.link)}" />')
        lines.append(f"\t\t<id>{esc(e.guid)}</id>")
        lines.append(f"\t\t<updated>{fmt_date(e.when, d)}</updated>")
        lines.append(f"\t\t<published>{fmt_date(e.when, d)}</published>")
        if comments_feed:
            p = feed.parent
            lines.append(
                f'\t\t<thr:in-reply-to ref="{esc(p.guid)}" href="{esc(p.link)}" type="text/html" />'
            )
            lines.append(
                f'\t\t<content type="html" xml:base="{esc(e.link)}">{esc(e.html)}</content>'
            )
        else:
            lines.append(
                f'\t\t<category scheme="{esc(feed.site)}" term="{esc(category(feed, e))}" />'
            )
            lines.append(f'\t\t<summary type="text">{esc(e.summary)}</summary>')
            lines.append(
                f'\t\t<content type="html" xml:base="{esc(e.link)}">{esc(e.html)}</content>'
            )
        lines.append("\t</entry>")
    lines += ["</feed>", ""]
    return "\n".join(lines)


def category(feed: Feed, e: Entry) -> str:
    if feed.kind == "press":
        return "Pressmeddelande"
    if feed.kind == "forum":
        return "Elbolag och elavtal"
    if e.author == "TT":
        return "TT"
    if e.title.startswith(("Ledare", "Insändare", "Krönika", "Analys")):
        return "Opinion"
    if feed.lang == "en":
        return "Sweden"
    return "Nyheter" if feed.kind == "news" else "Okategoriserade"


LATIN1_FIX = str.maketrans({"–": "-", "”": '"', "“": '"', "…": "...", "’": "'"})


def render(feed: Feed) -> bytes:
    if feed.fmt == "mastodon-rss":
        text = write_mastodon(feed)
    else:
        text = write_atom(feed) if "atom" in feed.fmt else write_rss(feed)
    if feed.encoding.upper() == "ISO-8859-1":
        text = text.translate(LATIN1_FIX)
        return text.encode("iso-8859-1", errors="xmlcharrefreplace")
    return text.encode("utf-8")


# --------------------------------------------------------------------------- counting


def plain(s: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", s))


def mentions(brand: dict, text: str) -> bool:
    """The README's 'simple' count: case-insensitive alias search after removing exclusions."""
    t = text.lower()
    for ex in brand["exclude"]:
        t = t.replace(ex.lower(), " ")
    return any(a.lower() in t for a in [brand["name"], *brand["aliases"]])


def stats(feeds: list[Feed]) -> dict:
    rows = []
    brand_n = {b["name"]: 0 for b in BRANDS}
    brand_or_owned = {b["name"]: 0 for b in BRANDS}
    any_brand_or_owned = neither = total = 0
    per_day: dict[str, int] = {}
    for f in feeds:
        r = {
            "file": f.file,
            "kind": f.kind,
            "owner": f.owner or "",
            "items": len(f.entries),
            "neither": 0,
            **{b["name"]: 0 for b in BRANDS},
        }
        for e in f.entries:
            # WordPress comment titles repeat the parent's title ("Kommentar till X av Y"):
            # count a comment by its own text only.
            text = e.body if f.kind == "comments" else f"{e.title}\n{e.body}"
            hit = False
            for b in BRANDS:
                m = mentions(b, text)
                if m:
                    r[b["name"]] += 1
                    brand_n[b["name"]] += 1
                    hit = True
                if m or f.owner == b["name"]:
                    brand_or_owned[b["name"]] += 1
            if hit or f.owner:
                any_brand_or_owned += 1
            else:
                r["neither"] += 1
                neither += 1
            day = e.when.strftime("%Y-%m-%d")
            per_day[day] = per_day.get(day, 0) + 1
            total += 1
        rows.append(r)
    return {
        "rows": rows,
        "brand": brand_n,
        "brand_or_owned": brand_or_owned,
        "any": any_brand_or_owned,
        "neither": neither,
        "total": total,
        "per_day": dict(sorted(per_day.items())),
    }


# --------------------------------------------------------------------------- config + README


def toml_list(xs: list[str]) -> str:
    return "[" + ", ".join(f'"{x}"' for x in xs) + "]"


def koll_toml(feeds: list[Feed]) -> str:
    out = [
        "# koll demo configuration (generated by scripts/demo_feeds/build.py).",
        "# Feed URLs start with a placeholder that `koll demo` replaces with the address of",
        "# its local feed server (http://127.0.0.1:PORT).",
        "",
        "[storage]",
        'url = "sqlite:///koll.db"',
        "",
        "# Every feed is on the demo's own local server: no politeness pause is needed there.",
        "[fetch]",
        "per_host_gap_s = 0",
        "per_host_concurrency = 8",
        "",
    ]
    for b in BRANDS:
        out += ["[[brands]]", f'name = "{b["name"]}"']
        for k in ("aliases", "exclude", "owned_domains", "people", "key_messages", "competitors"):
            out.append(f"{k} = {toml_list(b[k])}")
        out.append("")
    for f in feeds:
        if f.search:
            out += [
                "# A platform's feed, served locally like every demo feed: a copy of",
                f"# {f.self_url}. In your own koll.toml a search follows it:",
                "# [[searches]]",
                *(f"# {pair.strip()}" for pair in f.search.split(",")),
            ]
        out += ["[[feeds]]", f'url = "{{base}}/{f.file}"', f'kind = "{f.kind}"']
        if f.owner:
            out.append(f'owner = "{f.owner}"')
        if f.interval:
            out.append(f'interval = "{f.interval}"')
        out.append("")
    out += [
        "# Digests and alerts: `koll digest --output d.html` writes the morning digest; to send it,",
        "# set smtp_url and from. Links open the demo's dashboard (koll demo's default port).",
        "[notify]",
        'dashboard_url = "http://127.0.0.1:8050"',
        "",
        "[[notify.digests]]",
        'to = ["kommunikation@example.se"]',
        'brands = ["Fjällkraft", "Nordvind"]',
        'every = "day"',
        "",
    ]
    return "\n".join(out)


def readme(feeds: list[Feed], st: dict) -> str:
    desc = {f.file: f for f in feeds}
    table = [
        "| file | kind | owner | format | dates | items | Fjällkraft | Nordvind | neither |",
        "|---|---|---|---|---|---:|---:|---:|---:|",
    ]
    for r in st["rows"]:
        f = desc[r["file"]]
        fmt = {
            "wp-rss": "RSS 2.0 (WordPress)",
            "news-rss": "RSS 2.0",
            "atom": "Atom",
            "wp-comments-rss": "RSS 2.0 (WordPress comments)",
            "wp-comments-atom": "Atom (WordPress comments, thr)",
            "mastodon-rss": "RSS 2.0 (Mastodon hashtag)",
        }[f.fmt]
        dates = {
            "rfc-local": "RFC 822 +0100",
            "rfc-gmt": "RFC 822 GMT",
            "rfc-utc": "RFC 822 +0000",
            "iso-z": "ISO 8601 Z",
            "iso-local": "ISO 8601 +01:00",
        }[f.dates]
        enc = "" if f.encoding == "UTF-8" else f", {f.encoding}"
        table.append(
            f"| `{r['file']}` | {r['kind']} | {r['owner'] or '–'} | {fmt}{enc} | {dates} | "
            f"{r['items']} | {r['Fjällkraft']} | {r['Nordvind']} | {r['neither']} |"
        )
    table.append(
        f"| **total** | | | | | **{st['total']}** | **{st['brand']['Fjällkraft']}** | "
        f"**{st['brand']['Nordvind']}** | **{st['neither']}** |"
    )
    weeks: dict[str, int] = {}
    for day, n in st["per_day"].items():
        dt = datetime.strptime(day, "%Y-%m-%d")
        weeks.setdefault(f"v{dt.isocalendar()[1]}", 0)
        weeks[f"v{dt.isocalendar()[1]}"] += n
    days = " ".join(f"{d[5:]}:{n}" for d, n in st["per_day"].items())
    return README.format(
        table="\n".join(table),
        total=st["total"],
        any=st["any"],
        neither=st["neither"],
        fk=st["brand"]["Fjällkraft"],
        nv=st["brand"]["Nordvind"],
        fk_o=st["brand_or_owned"]["Fjällkraft"],
        nv_o=st["brand_or_owned"]["Nordvind"],
        weeks=", ".join(f"{w}: {n}" for w, n in weeks.items()),
        days=days,
    )


README = """# koll demo feeds

Fictional Swedish RSS/Atom documents used by `koll demo`. Every text in them (posts, articles,
comments, forum posts, names, companies, places of business) was written for koll; any likeness to
real companies or people is unintended. Place names are real Swedish places.

**Licence:** written for koll, [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)
(attribution: "koll demo feeds, written for the koll project").

Do not edit the XML by hand: change the Python data in `scripts/demo_feeds/` and run

    .venv/bin/python scripts/demo_feeds/build.py

which rewrites `feeds/*.xml`, `koll.toml.template` and this README (deterministically) and
prints the counts below.

## The world

**Fjällkraft** (Fjällkraft AB, @fjallkraft, #fjällkraft) is a regional electricity company in
Västerbotten and Norrbotten that owns wind farms and a local grid. Press officer **Anna Berg** and
CEO **Johan Lind** write on the company blog (`blogg.fjallkraft.se`) and answer comments; the
logo account "Fjällkraft" writes the rest. Key messages: *förnybar el till alla*, *lokal
vindkraft*, *fast pris utan överraskningar*. Not the brand: **Fjällkraftverket**, an old hydro
power station that is now a museum (a handful of news and forum items are about it and must not
count).

**Nordvind** (Nordvind Energi, @nordvind) is a low-cost electricity retailer with wind farms in
Jämtland; no grid. Communications head **Karin Ek**. Key messages: *billigast i norr*, *vind från
Norrland*. Not the brand: the weather: *nordvinden*, *hård nordvind*, *kall nordvind*, *isande
nordvind* (weather items in the news sites and the forum).

Sources: Fjällkraft's blog and press room, Nordvind's news page (owned); three news sites
(Norrlandsposten, Energinytt, Dagbladet Norr) with TT wire copy; two independent blogs
(Elbloggen by Per Wallin, Villa Granlund by Jenny Granlund); Energiforum; six WordPress comment
feeds (one per post); an English blog, Nordic Energy Watch; and the Mastodon hashtag
#fjällkraft on mastodon.nu (kind `social`: posts without titles by accounts on several servers),
which a `[[searches]]` entry follows in real use (`koll.toml.template` shows it).

## Timeline (2026, Europe/Stockholm)

| date | what happens | expected signal |
|---|---|---|
| Oct 26–27 | Nordvind cuts its mark-up ("billigast i norr"); Fjällkraft announces the Storberget wind farm (press 08:00, blog 10:05) | Energinytt and Norrlandsposten rewrite the releases hours later: **echo** of key messages and **agenda** set by owned items |
| Oct 28–30 | TT: electricity will be expensive this winter (3 outlets); record wind build-out; first snow | wire copies = one story in several outlets |
| Nov 2–3 | Fjällkraft app launch (positive), Nordvind charging contract | positive for Fjällkraft, app test puts Nordvind last |
| Nov 3–9 | **Customer-service backlog**: TT and readers report hour-long queues at Fjällkraft (Nov 3); Anna Berg answers on the blog (Nov 4), press release: 25 new hires (Nov 5); queue down to 4 minutes (Nov 9). Nordvind's unanswered e-mails (Nov 4–6) | negative dip for both; Fjällkraft replies, Karin Ek replies in a Villa Granlund comment thread |
| **Nov 10–12** | **Price hike**: Fjällkraft raises the monthly fee 39 → 59 kr and new fixed prices (press 07:30); TT copy in 3 outlets, editorials, angry forum thread; Johan Lind answers on the blog 16:45, Anna Berg on Nov 11; Nordvind keeps its prices and gains customers | **volume and negative spike**; dialogue: Fjällkraft answers in its own thread and on Elbloggen, not on Norrlandsposten |
| Nov 13–14 | Umeå schools choose Fjällkraft (echo of "förnybar el till alla"), open house at Storberget | recovery |
| Nov 16 | Storm warning (TT, "hård nordvind" – weather, not the brand) | |
| **Nov 17–18** | **Storm outage**: 14 000 Fjällkraft customers without power, up to 33 hours in Malå; live blog by Anna Berg with a busy comment thread; criticism of information, praise for line crews; Nordvind's phone queue collapses although it has no grid | **second volume and negative spike** |
| Nov 18–20 | Automatic compensation, 40 mil of cables to be buried, grants to local clubs; Nordvind sends wrong invoices to 6 000 customers | Fjällkraft recovers, Nordvind turns clearly negative |
| Nov 21–22 | Weekend: quiet | |

Weekends (Oct 31–Nov 1, Nov 7–8, 14–15, 21–22) are quieter.

## Feeds and counts

Counts below are produced by `build.py` with a *simple* rule: an item mentions a brand when the
brand name or one of its aliases occurs in its title or text (case-insensitive) after the
brand's exclusions have been removed; comments are counted by their text only, since a WordPress
comment title repeats the parent post's title ("Kommentar till … av …"). koll's own matcher
is smarter (genitives, compounds, people, owned domains), so its numbers may differ slightly.

{table}

- Items in total: **{total}**
- Items that mention a brand or come from an owned feed: **{any}**
- Items that mention neither brand and are not owned: **{neither}** (local news, weather with
  *nordvind*, Fjällkraftverket the museum, comments that do not name a brand, among them the
  replies by Anna Berg, Johan Lind and Karin Ek, which koll counts as owned through `people`)
- Fjällkraft: **{fk}** items mention it ({fk_o} including its own feeds)
- Nordvind: **{nv}** items mention it ({nv_o} including its own feeds)

Items per ISO week: {weeks}.

Items per day: {days}

## What the demo should roughly show

- **Tone** towards Fjällkraft: about a third positive (app, storm crews, automatic compensation,
  local grants, the Storberget open house), a third neutral (wire copy, analysis, figures) and a
  bit under a third negative (queues, price hike, information during the storm), with negative
  peaks on Nov 10–11 and Nov 17. Nordvind is somewhat more negative overall (e-mail backlog,
  storm-day queues, wrong invoices), positive around its price freeze.
- **Owned share**: Fjällkraft has its own blog (20 posts), press room (8) and two people who
  comment, so its owned share is clearly higher than Nordvind's (10 news items, one person).
- **Echo**: Norrlandsposten, Energinytt and Dagbladet Norr publish rewritten Fjällkraft releases
  hours after they appear (Storberget, app, 25 hires, Umeå schools, compensation, grants), which
  carry "lokal vindkraft", "förnybar el till alla" and "fast pris utan överraskningar"; bloggers
  and the forum quote the messages too, sometimes ironically ("fast pris utan överraskningar
  ja... överraskning!"). Nordvind's "billigast i norr" is echoed by Energinytt, and quoted by
  customers, often sarcastically.
- **Agenda**: Fjällkraft sets the agenda on Storberget, the app, the hires, the Umeå deal and the
  compensation (release first, news later); it does **not** on the queue story (TT first) and the
  storm (Norrlandsposten's live report at 06:30 comes before the 06:45 release; the forum
  reports the outage from 02:40). The price hike starts with the
  release.
- **Dialogue**: comment threads exist under Fjällkraft's price-hike and storm posts (Johan Lind
  and Anna Berg answer), under Elbloggen's price-hike post (Anna Berg answers), under
  Norrlandsposten's price-hike article and Dagbladet Norr's Malå article (nobody from Fjällkraft
  answers), and under Villa Granlund's "Nordvind svarar inte" (Karin Ek answers). Comment links
  point at the parent URL without tracking parameters plus `#comment-N`; the Villa Granlund
  comment feed is Atom with `thr:in-reply-to`. Note that comments on Fjällkraft's own blog have
  links on `blogg.fjallkraft.se`, an owned domain: a matcher that treats every link on an owned
  domain as owned would count customers' comments there as owned.
- **Stories**: TT wire copy appears in two or three outlets with a different dateline and
  sometimes a different headline (10 wire stories); the echo articles are near-copies of releases.
- **Voices**: many distinct sources; the forum and the comment threads bring new voices during
  the two crises.

## Things the feeds exercise on purpose

- RSS 2.0 (WordPress with `dc:creator`, `content:encoded`, `wfw:commentRss`, `slash:comments`),
  plain RSS, Atom; WordPress comment feeds in RSS and Atom (`thr:in-reply-to`).
- Dates as RFC 822 with `+0100` and with `GMT`, ISO 8601 with `Z` and with `+01:00`.
- `dagbladet-norr.xml` is encoded as ISO-8859-1 with a matching XML declaration.
- Tracking parameters (`?utm_source=rss&utm_medium=feed`) on every Norrlandsposten link and on
  every third Energinytt link; comment links use the clean URL.
- A forum post titled `<img src=x onerror=alert(1)> Fjällkraft` (escaped in the XML) that the
  dashboard must render as text.
- Exclusions: Fjällkraftverket (museum) and nordvind as weather.
- An English feed (`nordic-energy-watch.xml`) for language detection.
- Slang, emoji, irony and typos in the forum ("asbra", "typiskt Nordvind 🙄", "fjällkrafs").
"""


def main() -> int:
    feeds = build_feeds()
    FEEDS_DIR.mkdir(parents=True, exist_ok=True)
    for old in FEEDS_DIR.glob("*.xml"):
        if old.name not in {f.file for f in feeds}:
            old.unlink()
    for f in feeds:
        (FEEDS_DIR / f.file).write_bytes(render(f))
    st = stats(feeds)
    (OUT / "koll.toml.template").write_text(koll_toml(feeds), encoding="utf-8")
    (OUT / "README.md").write_text(readme(feeds, st), encoding="utf-8")

    w = max(len(r["file"]) for r in st["rows"])
    print(f"{'file':<{w}}  {'kind':<8} items  Fjällkraft  Nordvind  neither")
    for r in st["rows"]:
        print(
            f"{r['file']:<{w}}  {r['kind']:<8} {r['items']:>5}  {r['Fjällkraft']:>10}  "
            f"{r['Nordvind']:>8}  {r['neither']:>7}"
        )
    print(f"total items: {st['total']}")
    print(f"mention a brand or owned feed: {st['any']}; neither: {st['neither']}")
    for b in BRANDS:
        n = b["name"]
        print(f"{n}: {st['brand'][n]} items mention it ({st['brand_or_owned'][n]} incl. own feeds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
