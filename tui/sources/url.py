"""Articles from the web: a bounded, streamed HTTP fetch and a dispatcher by content type.

Every limit is enforced while reading (size, decoded size, total time, redirects), so a
hostile or broken server costs at most ``max_bytes`` of memory and about ``timeout``
seconds (the total time is checked as each chunk arrives, and no wait for a chunk is
longer than ``timeout``, so even a server that drips bytes is dropped within 2 × timeout).
Content-Encoding is undone here, not by httpx, so a gzip bomb is cut off after
``max_bytes`` of *decoded* output instead of being inflated in one go.
"""

from __future__ import annotations

import dataclasses
import re
import time
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui.model import Article
from tui.sources.errors import SourceError
from tui.sources.feeds import parse_feed
from tui.sources.html import MAX_HTML_BYTES, article_from_html
from tui.sources.plaintext import MB, decode_bytes_reporting, parse_plain_text, size_over_limit

if TYPE_CHECKING:
    import httpx

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+xml",
        "application/x-rss+xml",  # what Python's http.server and many real servers send
        "application/x-atom+xml",
    }
)
XML_TYPES = frozenset({"application/xml", "text/xml"})
ACCEPTED_TYPES = HTML_TYPES | TEXT_TYPES | FEED_TYPES | XML_TYPES
USER_AGENT = "Byline/0.1 (terminal news reader)"
_FEED_SNIFF = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_SNIFF = re.compile(rb"<(?:!doctype html|html)[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded resource: where it ended up, its type (lower-case, no params), its bytes."""

    url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None


def _one_line(text: str, limit: int = 200) -> str:
    return " ".join(text.split())[:limit]


def _connect_reason(error: Exception) -> str:
    """A reader's words for a failed connection: DNS, TLS, or the OS's reason."""
    message = _one_line(str(error)) or type(error).__name__
    lowered = message.lower()
    if any(
        hint in lowered
        for hint in (
            "name or service not known",
            "nodename nor servname",
            "getaddrinfo",
            "name resolution",
            "no address associated",
        )
    ):
        return "could not resolve the host name"
    if any(hint in lowered for hint in ("certificate", "ssl", "tls", "handshake")):
        return f"TLS error: {message}"
    if "refused" in lowered:
        return "connection refused"
    return f"could not connect: {message}"


class _Decoder:
    """Undoes Content-Encoding with a bound on the decoded size (the gzip-bomb guard)."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
        else:
            raise SourceError(f"unsupported content encoding {encoding!r}")
        self._max = max_bytes

    def feed(self, chunk: bytes) -> bytes:
        if self._zlib is None:
            return chunk
        try:  # at most one byte past the limit, however much the chunk would inflate to
            out = self._zlib.decompress(chunk, self._max + 1)
        except zlib.error:
            raise SourceError("corrupt compressed response") from None
        if self._zlib.unconsumed_tail:
            return out + b"\0" * (self._max + 1)  # more is pending: certainly past the limit
        return out


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def fetch(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = MAX_HTML_BYTES,
    max_redirects: int = 5,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """Download ``url`` within the limits; every failure is one :class:`SourceError` line."""
    import httpx  # here, not at import time: the reader starts without it

    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise SourceError(f"{_one_line(url)}: only http and https URLs can be opened")
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                transport=transport,
                timeout=timeout,
                follow_redirects=True,
                max_redirects=max_redirects,
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            ) as client,
            client.stream("GET", url) as response,
        ):
            return _read(response, url, deadline, timeout, max_bytes)
    except SourceError:
        raise
    except httpx.TooManyRedirects:
        reason = f"too many redirects (more than {max_redirects})"
    except httpx.TimeoutException:
        reason = f"timed out after {timeout:g} s"
    except httpx.UnsupportedProtocol:
        reason = "redirected to a URL that is not http or https"
    except httpx.ConnectError as error:
        reason = _connect_reason(error)
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
        reason = "the server closed the connection"
    except httpx.InvalidURL as error:
        reason = f"invalid URL ({_one_line(str(error))})"
    except (httpx.HTTPError, httpx.StreamError, OSError, ValueError) as error:
        reason = f"download failed: {_one_line(str(error)) or type(error).__name__}"
    raise SourceError(f"{_one_line(url)}: {reason}")


def _read(
    response: httpx.Response, url: str, deadline: float, timeout: float, max_bytes: int
) -> Fetched:
    where = _one_line(url)
    if response.status_code >= 400:
        phrase = _one_line(response.reason_phrase) if response.reason_phrase else ""
        raise SourceError(f"{where}: HTTP {response.status_code} {phrase}".rstrip())
    media, charset = _media_type(response.headers.get("content-type", ""))
    if media and media not in ACCEPTED_TYPES:
        raise SourceError(f"{where}: not an article or a feed (content type {media})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        too_large = size_over_limit(int(declared), max_bytes, "download")
        raise SourceError(f"{where}: too large: {too_large}")
    decoder = _Decoder(response.headers.get("content-encoding", ""), max_bytes)
    body = bytearray()
    for chunk in response.iter_raw():
        if time.monotonic() > deadline:
            raise SourceError(f"{where}: timed out after {timeout:g} s")
        body += decoder.feed(chunk)
        if len(body) > max_bytes:  # no length announced, or a lie, or a compression bomb
            limit = f"{max_bytes / MB:g} MB download limit"
            raise SourceError(f"{where}: too large: more than the {limit}")
    return Fetched(str(response.url), response.status_code, media, bytes(body), charset)


def _is_feed(fetched: Fetched) -> bool:
    if fetched.content_type in FEED_TYPES:
        return True
    if fetched.content_type in HTML_TYPES:
        return False
    return bool(_FEED_SNIFF.search(fetched.body[:4096]))


def load_url(url: str, **kw: object) -> list[Article]:
    """The articles at ``url``: a page's article, a text file, or a feed's full-text items."""
    fetched = fetch(url, **kw)  # type: ignore[arg-type]
    where = _one_line(fetched.url)
    if _is_feed(fetched):
        feed = parse_feed(fetched.body, url=fetched.url)
        articles = feed.articles()
        if not articles:
            raise SourceError(f"{where}: {feed.no_full_text()}")
        return articles
    is_html = fetched.content_type in HTML_TYPES or (
        fetched.content_type in ("", *XML_TYPES) and _HTML_SNIFF.search(fetched.body[:4096])
    )
    try:
        if is_html:
            return [article_from_html(fetched.body, url=fetched.url)]
    except SourceError as error:
        raise SourceError(f"{where}: {error}") from None
    if fetched.content_type in XML_TYPES:
        raise SourceError(f"{where}: XML that is neither a feed nor a web page")
    text, _replaced = decode_bytes_reporting(fetched.body, fetched.charset)
    article = parse_plain_text(text)
    return [dataclasses.replace(article, url=article.url or fetched.url)]
