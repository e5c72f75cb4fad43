"""Web sources: HTML pages, markdown, feeds, OPML and HTTP fetching. No network, no spaCy.

The URL tests talk only to a local ``http.server`` on 127.0.0.1 started here; every
misbehaviour (slow drip, endless redirect, huge body, gzip bomb, reset) must end as one
:class:`SourceError` line within a bounded time.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import socket
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from local_server import serve

from tui.sources import (
    SourceError,
    Subscription,
    article_from_html,
    decode_bytes_reporting,
    fetch,
    load_path,
    load_url,
    parse_feed,
    parse_markdown,
    parse_plain_text,
    read_opml,
    write_opml,
)
from tui.sources.plaintext import decode_bytes

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
HTML_PAGES = sorted((CORPUS / "html").glob("*.html")) if CORPUS.is_dir() else []
FEED = CORPUS / "feeds" / "globalvoices-feature-2009-06-11.links-restored.rss"
FEED_PLACEHOLDER_LINKS = CORPUS / "feeds" / "globalvoices-feature-2009-06-11.rss"
needs_corpus = pytest.mark.skipif(not HTML_PAGES, reason="../shared/corpus not available")

SENTENCES = (
    "The council met on Tuesday to discuss the new harbour bridge and its rising cost.",
    "Residents said the works had closed the only road to the market for three weeks.",
    "The mayor told reporters that the city would publish the full budget next month.",
    "Engineers expect the first lane to open before the winter storms arrive.",
)
BODY = [" ".join(SENTENCES[(i + j) % 4] for j in range(4)) for i in range(4)]  # 4 paragraphs
BODY_WORDS = sum(len(p.split()) for p in BODY)


def page(title: str = "Harbour bridge costs rise", body: list[str] = BODY) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        "<body><nav><a href='/'>Home</a> | <a href='/about'>About</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright the Example Gazette</footer></body></html>"
    )


def rss(items: list[str], title: str = "Example Gazette") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://example.org/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


FULL_ITEM = (
    "<item><title>Harbour bridge costs rise</title><link>http://example.org/bridge</link>"
    "<guid>bridge-1</guid><pubDate>Tue, 09 Jun 2009 18:01:00 +0000</pubDate>"
    "<description>Short teaser.</description><content:encoded><![CDATA["
    + "".join(f"<p>{p}</p>" for p in BODY)
    + "]]></content:encoded></item>"
)


def words(text: str) -> list[str]:
    return text.replace("’", "'").split()


def one_line(error: pytest.ExceptionInfo[SourceError]) -> str:
    message = str(error.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


# --- HTML pages --------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("path", HTML_PAGES, ids=lambda p: p.name[:3])
def test_real_pages_match_their_text_companions(path: Path) -> None:
    """Measured: first 300 words 0.95-1.00 found, whole body 0.87-1.00, precision 1.00."""
    companion = parse_plain_text((CORPUS / (path.stem + ".txt")).read_text(encoding="utf-8"))
    article = article_from_html(path.read_bytes(), url=companion.url)
    assert article.title is not None and companion.title is not None
    assert words(article.title) == words(companion.title)
    assert article.date == companion.date
    got, expected = set(words(article.text)), words(companion.text)
    assert sum(w in got for w in expected[:300]) / 300 >= 0.9
    assert sum(w in got for w in expected) / len(expected) >= 0.8
    known = set(expected)
    extracted = words(article.text)
    assert sum(w in known for w in extracted) / len(extracted) >= 0.95  # no sidebar/comments
    assert "\n\n" in article.text and "\n\n\n" not in article.text


@needs_corpus
def test_truncated_real_page_still_gives_its_opening() -> None:
    data = HTML_PAGES[0].read_bytes()
    article = article_from_html(data[: len(data) // 2])
    companion = parse_plain_text((CORPUS / (HTML_PAGES[0].stem + ".txt")).read_text("utf-8"))
    assert words(article.text)[:20] == words(companion.text)[:20]


def test_synthetic_page_drops_navigation_and_footer() -> None:
    article = article_from_html(page().encode("utf-8"), url="http://example.org/bridge")
    assert article.title == "Harbour bridge costs rise"
    assert article.url == "http://example.org/bridge"
    assert "Copyright" not in article.text and "About" not in article.text
    assert article.text.count("\n\n") == len(BODY) - 1


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><head><script>var a = 1;</script><style>p {}</style></head>"
        "<body><script>document.write('x')</script></body></html>",
        b"\x00\x01\x02 not html at all",
    ],
    ids=["empty", "blank", "script-only", "binary"],
)
def test_page_without_article_is_an_error(html: str | bytes) -> None:
    with pytest.raises(SourceError) as caught:
        article_from_html(html)
    one_line(caught)


def test_oversized_page_is_refused_before_parsing() -> None:
    with pytest.raises(SourceError, match="too large") as caught:
        article_from_html(b"<p>" + b"a " * (11 * 1024 * 1024))
    one_line(caught)


def test_100kb_title_is_truncated() -> None:
    article = article_from_html(page(title="Headline " * 11_000))
    assert article.title is not None and len(article.title) <= 500
    assert "harbour bridge" in article.text


# --- markdown ------------------------------------------------------------------------------


def test_markdown_heading_is_the_title_and_body_is_kept() -> None:
    article = parse_markdown("# Bridge costs rise #\n\nThe *council* met.\n\n## Reaction\n\nOk.\n")
    assert article.title == "Bridge costs rise"
    assert article.text == "The *council* met.\n\n## Reaction\n\nOk.\n"


def test_markdown_front_matter_fenced_code_and_no_heading() -> None:
    text = "---\ndate: 2020-03-11\n---\n```\n# not a heading\n```\n# Real one\nBody.\n"
    article = parse_markdown(text)
    assert article.title == "Real one" and article.date == "2020-03-11"
    assert "# not a heading" in article.text and "Real one" not in article.text
    plain = parse_markdown("\ufeffJust a paragraph.\r\nAnd another line.")
    assert plain.title is None and plain.text == "Just a paragraph.\nAnd another line."


# --- encodings -----------------------------------------------------------------------------


def test_decode_reports_replacements_and_honours_declarations() -> None:
    assert decode_bytes_reporting(b"ok \xff\xfe!") == ("ok \ufffd\ufffd!", 2)
    assert decode_bytes_reporting("caf\ufffd".encode()) == ("caf\ufffd", 0)  # a real U+FFFD
    assert decode_bytes_reporting(b"caf\xe9", "latin-1") == ("café", 0)
    assert decode_bytes_reporting(b"caf\xe9", "no-such-codec") == ("caf\ufffd", 1)
    assert decode_bytes_reporting("Gdańsk".encode("utf-32")) == ("Gdańsk", 0)
    assert decode_bytes_reporting(b"\xef\xbb\xbfcaf\xc3\xa9", "latin-1") == ("café", 0)  # BOM wins
    assert decode_bytes(b"ok \xff") == "ok \ufffd"


# --- feeds ---------------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("path", [FEED, FEED_PLACEHOLDER_LINKS], ids=["restored", "placeholder"])
def test_real_feeds_give_15_full_text_articles(path: Path) -> None:
    feed = parse_feed(path.read_bytes(), url="http://globalvoicesonline.org/feed/")
    assert feed.title == "Global Voices Online » Feature"
    assert len(feed.items) == 15
    assert all(item.content and item.guid and item.published for item in feed.items)
    articles = feed.articles()
    assert len(articles) == 15
    assert all(len(a.text.split()) >= 150 and a.title and a.date for a in articles)


@needs_corpus
def test_real_feed_item_matches_the_page_companion() -> None:
    """Item 3 is the page saved as html/057; its content:encoded is the same article."""
    item = parse_feed(FEED.read_bytes()).items[2]
    article = item.article()
    assert article is not None and article.date == "2009-06-10"
    assert item.link == "http://globalvoicesonline.org/2009/06/10/iran-to-vote-or-not-to-vote/"
    companion = parse_plain_text((CORPUS / "057-iran-to-vote-or-not-to-vote.txt").read_text())
    got = set(words(article.text))
    expected = words(companion.text)
    assert sum(w in got for w in expected) / len(expected) >= 0.95


def test_feed_with_entities_and_missing_fields() -> None:
    items = [
        "<item><title>Tom &amp; Jerry&#8217;s &nbsp;day</title>"
        "<description>Only a &lt;b&gt;teaser&lt;/b&gt;.</description></item>",
        "<item><description><![CDATA[" + " ".join(BODY) + "]]></description></item>",
        "<item></item>",
    ]
    feed = parse_feed(rss(items, title="A &amp; B"))
    assert feed.title == "A & B" and len(feed.items) == 3
    first, second, third = feed.items
    assert first.title is not None and first.title.startswith("Tom & Jerry’s")
    assert first.link is None and first.published is None and first.guid is None
    assert first.article() is None  # a teaser: the caller fetches the link
    article = second.article()
    assert article is not None and article.title is None and article.source == "A & B"
    assert third.article() is None
    assert len(feed.articles()) == 1


def test_atom_feed() -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>'
        "<entry><title>One</title><link href='http://example.org/1'/><id>urn:1</id>"
        "<updated>2020-03-11T10:00:00Z</updated><content type='html'>"
        + "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in BODY)
        + "</content></entry></feed>"
    )
    (item,) = parse_feed(atom.encode()).items
    assert (item.link, item.guid, item.published) == ("http://example.org/1", "urn:1", "2020-03-11")
    article = item.article()
    assert article is not None and article.text.count("\n\n") == len(BODY) - 1


@pytest.mark.parametrize(
    "data", [b"", b"this is not xml", b"<html><body><p>hi</p></body></html>", b"<rss><chan"]
)
def test_not_a_feed_is_an_error(data: bytes) -> None:
    with pytest.raises(SourceError) as caught:
        parse_feed(data)
    one_line(caught)


def test_billion_laughs_is_refused_quickly() -> None:
    lol = "&lol;" * 10
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{lol.replace("lol;", f"lol{n - 1};") if n > 1 else lol}">'
        for n in range(1, 10)
    )
    document = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>"
    )
    started = time.monotonic()
    with pytest.raises(SourceError, match="entities") as caught:
        parse_feed(document)
    assert time.monotonic() - started < 2
    one_line(caught)


# --- OPML ----------------------------------------------------------------------------------


def test_opml_round_trip() -> None:
    subs = [
        Subscription("Global Voices » Feature", "http://globalvoicesonline.org/feed/"),
        Subscription('Tom & "Jerry" <news>', "https://example.org/rss?a=1&b=2"),
    ]
    document = write_opml(subs)
    assert "Byline subscriptions" in document
    assert read_opml(document) == subs


def test_opml_nested_outlines_and_safety() -> None:
    nested = (
        '<opml version="1.0"><head/><body><outline text="News">'
        '<outline text="One" xmlUrl="http://a/1"/><outline text="dup" xmlUrl="http://a/1"/>'
        '<outline text="Folder only"/></outline></body></opml>'
    )
    assert read_opml(nested) == [Subscription("One", "http://a/1")]
    for bad in (
        '<!DOCTYPE opml [<!ENTITY x "y">]><opml><body/></opml>',
        "<opml><body><outline",
        "<html/>",
    ):
        with pytest.raises(SourceError) as caught:
            read_opml(bad)
        one_line(caught)


# --- load_path -----------------------------------------------------------------------------


def test_load_path_dispatches_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title here\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(page(), encoding="utf-8")
    (tmp_path / "c.rss").write_text(rss([FULL_ITEM, "<item><title>t</title></item>"]), "utf-8")
    (tmp_path / "d.txt").write_text("Title: Plain\n\nBody.\n", encoding="utf-8")
    (tmp_path / "e.xml").write_text(rss(["<item><title>teaser</title></item>"]), "utf-8")
    assert [a.title for a in load_path(tmp_path / "a.md")] == ["Title here"]
    assert [a.title for a in load_path(tmp_path / "b.html")] == ["Harbour bridge costs rise"]
    (from_feed,) = load_path(tmp_path / "c.rss")
    assert from_feed.url == "http://example.org/bridge" and from_feed.date == "2009-06-09"
    assert [a.title for a in load_path(tmp_path / "d.txt")] == ["Plain"]
    for bad in ("e.xml", "missing.html", "."):
        with pytest.raises(SourceError) as caught:
            load_path(tmp_path / bad)
        one_line(caught)


@needs_corpus
def test_load_path_real_feed() -> None:
    assert len(load_path(FEED)) == 15


# --- URLs: a local server that misbehaves on request ---------------------------------------

BOMB = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=6)
CHUNK = b"x" * 65536


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, ctype: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()  # a broken pipe means the client gave up, as it should

    def _route(self) -> None:
        path = self.path
        if path == "/page.html":
            self._send(200, "text/html; charset=utf-8", page().encode())
        elif path == "/feed.rss":
            self._send(200, "application/rss+xml", rss([FULL_ITEM]).encode())
        elif path == "/feed-as-xml":
            self._send(200, "text/xml", rss([FULL_ITEM]).encode())
        elif path == "/teasers.rss":
            self._send(200, "application/rss+xml", rss(["<item><title>t</title></item>"]).encode())
        elif path == "/article.txt":
            body = "Title: Café plans\n\nThe caf\xe9 opened.\n".encode("latin-1")
            self._send(200, "text/plain; charset=iso-8859-1", body)
        elif path == "/redirect-once":
            self._send(301, "text/html", b"", Location="/page.html")
        elif path.startswith("/loop"):
            self._send(302, "text/html", b"", Location=f"/loop{len(path)}")
        elif path == "/notfound":
            self.send_error(404)
        elif path == "/crash":
            self.send_error(500)
        elif path == "/image.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n")
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):  # at most 10 s, then the handler ends on its own
                self.wfile.write(b"<p>drip</p>")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/huge":
            self._send_huge(with_length=True)
        elif path == "/huge-unannounced":
            self._send_huge(with_length=False)
        elif path == "/bomb":
            self._send(200, "text/plain", BOMB, Content_Encoding="gzip")
        elif path == "/reset":
            linger = struct.pack("ii", 1, 0)  # close with RST instead of FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            self.connection.close()
        else:
            self.send_error(400)

    def _send_huge(self, *, with_length: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if with_length:
            self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()
        for _ in range(50 * 1024 * 1024 // len(CHUNK)):
            self.wfile.write(CHUNK)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler, quiet=True) as url:
        yield url


def test_url_html_page(server: str) -> None:
    fetched = fetch(f"{server}/redirect-once", timeout=5)
    assert fetched.url == f"{server}/page.html" and fetched.status == 200
    assert fetched.content_type == "text/html" and fetched.charset == "utf-8"
    (article,) = load_url(f"{server}/page.html", timeout=5)
    assert article.title == "Harbour bridge costs rise" and article.url == f"{server}/page.html"


@pytest.mark.parametrize("path", ["/feed.rss", "/feed-as-xml"])
def test_url_feed_is_recognised(server: str, path: str) -> None:
    (article,) = load_url(server + path, timeout=5)
    assert article.url == "http://example.org/bridge"
    assert len(article.text.split()) == BODY_WORDS


def test_url_plain_text_uses_the_declared_charset(server: str) -> None:
    (article,) = load_url(f"{server}/article.txt", timeout=5)
    assert article.title == "Café plans" and article.text == "The café opened.\n"
    assert article.url == f"{server}/article.txt"


@pytest.mark.parametrize(
    ("path", "kwargs", "expected"),
    [
        ("/notfound", {}, "HTTP 404 Not Found"),
        ("/crash", {}, "HTTP 500 Internal Server Error"),
        ("/image.png", {}, "content type image/png"),
        ("/loop", {"max_redirects": 3}, "too many redirects"),
        ("/slow", {"timeout": 1.0}, "timed out"),
        ("/huge", {"max_bytes": 1_000_000}, "too large"),
        ("/huge-unannounced", {"max_bytes": 1_000_000}, "too large"),
        ("/bomb", {"max_bytes": 1_000_000}, "too large"),
        ("/reset", {}, "closed the connection"),
        ("/teasers.rss", {}, "full text"),
    ],
)
def test_url_failures_are_one_line_errors(
    server: str, path: str, kwargs: dict[str, float], expected: str
) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        load_url(server + path, **{"timeout": 5.0, **kwargs})
    assert expected in one_line(caught)
    assert time.monotonic() - started < 4


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpx.ConnectError("[Errno -2] Name or service not known"), "could not resolve"),
        (
            httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
            "TLS error",
        ),
        (httpx.ConnectTimeout("timed out"), "timed out"),
        (httpx.ConnectError("[Errno 111] Connection refused"), "connection refused"),
    ],
)
def test_url_connection_failures(error: Exception, expected: str) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(SourceError) as caught:
        fetch("https://news.example/a", transport=httpx.MockTransport(fail))
    assert expected in one_line(caught)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "example.org"])
def test_url_only_http_and_https(url: str) -> None:
    with pytest.raises(SourceError, match="only http and https") as caught:
        fetch(url)
    one_line(caught)


# --- hostile pages and feeds (the CLI catalogue is test_hostile_inputs) --------------------


def test_menu_only_page_has_no_article() -> None:
    menu = b"<html><body><nav><a href='/'>Home</a> | <a href='/a'>About</a></nav></body></html>"
    with pytest.raises(SourceError, match="no article text found in the page") as caught:
        article_from_html(menu)
    one_line(caught)


def test_deeply_nested_page_says_why_it_has_no_text() -> None:
    deep = b"<html><body>" + b"<div>" * 200_000 + b"<p>Deep.</p>" + b"</div>" * 200_000
    started = time.monotonic()
    with pytest.raises(SourceError, match="nested more than 256 levels deep") as caught:
        article_from_html(deep)
    assert time.monotonic() - started < 10
    one_line(caught)


def test_feed_is_cut_at_the_item_limit_before_parsing() -> None:
    from tui.sources import MAX_FEED_ITEMS

    items = [
        f"<item><title>{n}</title><description>Teaser {n}.</description></item>"
        for n in range(10_000)
    ]
    started = time.monotonic()
    feed = parse_feed(rss(items))
    assert time.monotonic() - started < 3  # all 10,000 through feedparser would take seconds
    assert len(feed.items) == MAX_FEED_ITEMS == 200 and feed.omitted == 9_800
    assert [item.title for item in feed.items[:2]] == ["0", "1"]
    assert feed.no_full_text() == (
        "none of the first 200 of the feed's 10000 items carries its full text"
    )


def test_load_path_reports_a_cut_feed(tmp_path: Path) -> None:
    path = tmp_path / "archive.rss"
    path.write_text(rss([FULL_ITEM] * 250), encoding="utf-8")
    notes: list[str] = []
    assert len(load_path(path, report=notes.append)) == 200
    assert notes == [f"{path}: the feed has 250 items; read the first 200 (the limit per feed)"]


@pytest.mark.parametrize(
    "date",
    ["32 Smarch 2019 25:61", "0000-00-00", "Tue, 31 Feb 2009 99:99:99 +9999", "-99999", "9" * 40],
)
def test_impossible_feed_dates_are_no_date(date: str) -> None:
    item = FULL_ITEM.replace("Tue, 09 Jun 2009 18:01:00 +0000", date)
    (article,) = parse_feed(rss([item])).articles()
    assert article.date is None


def test_surrogate_character_references_become_replacement_characters() -> None:
    item = FULL_ITEM.replace("Harbour bridge costs rise", "Bridge &#xD800; &#55296; rise")
    (article,) = parse_feed(rss([item])).articles()
    assert article.title == "Bridge \ufffd \ufffd rise"


def test_entities_after_a_long_comment_are_still_refused() -> None:
    document = (
        '<?xml version="1.0"?><!--' + "x" * 70_000 + '--><!DOCTYPE rss [<!ENTITY a "b">]>'
        '<rss version="2.0"><channel><title>&a;</title></channel></rss>'
    )
    with pytest.raises(SourceError, match="entities"):
        parse_feed(document)
