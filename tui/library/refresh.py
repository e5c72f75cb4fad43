"""Refreshing a feed subscription: fetch, parse and add its new items (not annotated).

Shared by ``byline feed refresh`` and the app's Feeds view; it prints nothing, so a
failing item link goes to ``on_warning`` (the CLI prints it, the app shows it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.library.db import Library
    from tui.model import Article

MAX_TEASER_FETCHES = 20  # item links fetched per feed per refresh
FETCH_TIMEOUT = 10.0  # seconds, for a feed and for each item link


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """What refreshing one feed did: its title, new article ids, failed links, items left
    for the next refresh, time taken, and items that were stored articles under another
    URL or id (same text: not stored again)."""

    title: str | None
    added: tuple[str, ...]
    failures: int
    deferred: int
    seconds: float
    duplicates: int = 0


def refresh_feed(
    library: Library,
    feed_id: int,
    url: str,
    title: str | None,
    seen: set[str] | None = None,
    *,
    on_warning: Callable[[str], None] | None = None,
    timeout: float = FETCH_TIMEOUT,
) -> RefreshResult:
    """Fetch and parse one feed and add its new items (not annotated) to the library.

    Full-text items are added as they are; teaser items have their link fetched (at most
    :data:`MAX_TEASER_FETCHES` per call). A failing link is a warning; a feed that cannot be
    fetched or parsed raises :class:`tui.sources.SourceError`.

    An item whose link the library already has (by canonical URL), or had until the
    reader removed it, is skipped before any fetch (and one removed under another link
    is not stored again), asking the library link by link, so memory does not grow with
    the library;
    ``seen`` holds the links taken in this run (share one set across the feeds of one
    refresh, so two feeds carrying the same item fetch it once) and is updated.
    """
    import dataclasses
    import time
    from urllib.parse import urljoin

    from tui.sources import SourceError
    from tui.sources.feeds import parse_feed
    from tui.sources.url import fetch, load_url

    def warn(message: str) -> None:
        if on_warning is not None:
            on_warning(message)

    started = time.perf_counter()
    fetched = fetch(url, timeout=timeout)
    feed = parse_feed(fetched.body, url=fetched.url)
    if title is None and feed.title:
        library.add_feed(url, feed.title)
    source = title or feed.title
    seen = set() if seen is None else seen
    found: list[Article] = []
    failures = fetches = deferred = 0
    for item in feed.items:
        link = urljoin(fetched.url, item.link) if item.link else None
        if link is not None and (link in seen or library.knows_url(link)):
            continue
        article = item.article()
        if article is None:
            if link is None:
                continue
            if fetches >= MAX_TEASER_FETCHES:
                deferred += 1
                continue
            fetches += 1
            try:
                pages = [a for a in load_url(link, timeout=timeout) if a.text.strip()]
            except SourceError as exc:
                warn(str(exc))
                failures += 1
                continue
            if not pages:
                warn(f"{link}: no article text")
                failures += 1
                continue
            article = pages[0]
        found.append(
            dataclasses.replace(
                article,
                title=item.title or article.title,
                date=item.published or article.date,
                url=link or article.url,
                source=source,
            )
        )
        if link is not None:
            seen.add(link)
    result = library.add(found, feed_id=feed_id, from_feed=True)
    library.mark_feed_refreshed(feed_id)
    seconds = time.perf_counter() - started
    return RefreshResult(source, result.added, failures, deferred, seconds, len(result.duplicates))
