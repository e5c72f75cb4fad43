"""The catalogue of hostile and broken inputs, each run through the real ``byline`` command.

Every row says how the input is made and what the user sees: exactly one ``byline: …``
line on stderr and a non-zero exit (or exit 0 and one warning, where the input is fine
but worth a word), never a traceback, and a library that already held an annotated
article holds it unchanged afterwards. The inputs fail before annotation, so most rows
cost a Python start and no spaCy; the few accepted ones annotate a short article.

Limits under test (documented in the loaders): text and markdown files up to 2 MB, pages
and feeds up to 10 MB (refused from ``stat`` before reading), 200 items per feed, a
download of 10 MB within 10 s. Below the catalogue: the 1 MB line, the app's open-file
dialog, the reader on a bad path, and property tests over arbitrary bytes.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from local_server import serve

from tui.model import Annotation, Article
from tui.nlp.text.paragraphs import PARSE_LIMIT, bounded, split_paragraphs
from tui.sources import SourceError, load_path

REPO_ROOT = Path(__file__).resolve().parent.parent
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_REASON = "root reads any file whatever its mode, so there is no permission to deny"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
SENTENCE = "The council met on Tuesday to discuss the new harbour bridge and its rising cost. "
BODY = "".join(f"<p>{SENTENCE * 4}</p>" for _ in range(4))


def page(title: str = "Harbour bridge costs rise", body: str = BODY) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><article><h1>Harbour bridge costs rise</h1>{body}</article></body></html>"
    ).encode()


def rss(items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Example Gazette</title><link>http://example.org/</link>{items}</channel></rss>"
    ).encode()


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>"
    ).encode()


# --- the environment: a library holding one annotated article, made once -----------------


@dataclass(frozen=True)
class Home:
    """Where the subprocesses keep their state, and what the library held at the start."""

    root: Path
    env: dict[str, str]
    db: Path
    article_id: str
    annotation: str


def library_state(db: Path, article_id: str) -> tuple[int, str | None]:
    """How many articles the library holds and the stored annotation of ours, as JSON."""
    from tui.library import Library

    with Library(db) as library:
        found = library.current_annotation(article_id)
        return library.article_count(), None if found is None else found.to_json()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, seed_annotation: Annotation) -> Home:
    from tui.library import Library
    from tui.nlp import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    root = tmp_path_factory.mktemp("hostile")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BYLINE_")}
    env.update(
        BYLINE_CACHE_DIR=str(root / "cache"),
        BYLINE_CONFIG=str(root / "config.toml"),
        BYLINE_DB=str(root / "library.sqlite3"),
        PYTHONPATH=str(REPO_ROOT),
    )
    db = root / "library.sqlite3"
    with Library(db) as library:
        library.add_articles([seed_annotation.article])
        library.store_annotation(seed_annotation, ENGINE_VERSION, resolve_model_name(None))
    article_id = seed_annotation.article.id
    count, stored = library_state(db, article_id)
    assert count == 1 and stored is not None
    return Home(root, env, db, article_id, stored)


def byline(home: Home, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=home.root,
        env=home.env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single ``byline:`` line of a run, after checking there is no traceback."""
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("byline: "), result.stderr
    return lines[0]


def assert_library_intact(home: Home, db: Path | None = None, count: int = 1) -> None:
    assert library_state(db or home.db, home.article_id) == (count, home.annotation)


# --- files: makers write the input under ``folder`` and return the argument to pass ------

Maker = Callable[[Path], Path]


def write(name: str, data: bytes | Callable[[], bytes]) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def ten_mb_article(folder: Path) -> Path:
    path = folder / "ten-mb.txt"
    with path.open("wb") as stream:
        stream.write(b"Big article\n\n")
        stream.truncate(10 * 1_000_000)  # sparse: the loader must refuse it without reading
    return path


def empty_folder(folder: Path) -> Path:
    path = folder / "nothing-here"
    path.mkdir()
    (path / "README.txt").write_text("Not an article.\n")  # skipped by name
    (path / "photo.png").write_bytes(PNG)  # not a loadable extension
    return path


def missing(folder: Path) -> Path:
    return folder / "no-such-article.txt"


def unreadable(folder: Path) -> Path:
    path = folder / "secret.txt"
    path.write_text("Headline\nBody.\n")
    path.chmod(0)
    return path


def behind_unsearchable_folder(folder: Path) -> Path:
    """A readable file in a folder without search (x) permission: even ``stat`` fails."""
    locked = folder / "locked"
    locked.mkdir()
    (locked / "article.txt").write_text("Headline\nBody.\n")
    locked.chmod(0o600)
    return locked / "article.txt"


def fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)  # nobody writes to it: opening it for reading would block forever
    return path


def nested(folder: Path) -> Path:
    depth = 1_000_000  # <div>×1,000,000: 5 MB of markup, far past libxml2's 256 levels
    path = folder / "nested.html"
    path.write_bytes(b"<html><body>" + b"<div>" * depth + b"<p>Deep words.</p>" + b"</div>" * 9)
    return path


def huge_feed() -> bytes:
    item = (
        "<item><title>Item {0}</title><link>http://example.org/{0}</link>"
        "<description>Teaser {0}.</description></item>"
    )
    return rss("".join(item.format(n) for n in range(10_000)))


NO_LINK_NO_CONTENT = rss(
    "<item><title>No link</title><pubDate>32 Smarch 2019 25:61</pubDate></item>"
    "<item><description>A teaser, no link.</description><pubDate>yesterday-ish</pubDate></item>"
    "<item></item>"
)

# (id, make the input, what the one ``byline:`` line says after the path)
REFUSED_FILES: list[Any] = [
    pytest.param(write("empty.txt", b""), "no article text", id="empty"),
    pytest.param(
        write("image.txt", PNG + bytes(range(256))),
        "looks like a binary file, not text",
        id="png-as-txt",
    ),
    pytest.param(ten_mb_article, "10.0 MB is over the 2 MB article limit", id="10mb-article"),
    pytest.param(empty_folder, "no articles in this directory", id="folder-without-articles"),
    pytest.param(missing, "no such file", id="missing-path"),
    pytest.param(
        unreadable,
        "permission denied",
        id="unreadable-file",
        marks=pytest.mark.skipif(AS_ROOT, reason=ROOT_REASON),
    ),
    pytest.param(
        behind_unsearchable_folder,
        "permission denied",
        id="unsearchable-parent",
        marks=pytest.mark.skipif(AS_ROOT, reason=ROOT_REASON),
    ),
    pytest.param(
        fifo,
        "not a regular file",
        id="fifo",
        marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes"),
    ),
    pytest.param(
        write(
            "menu.html",
            b"<html><body><nav><a href='/'>Home</a> | <a href='/a'>About</a></nav></body></html>",
        ),
        "no article text found in the page",
        id="html-no-article",
    ),
    pytest.param(
        nested,
        "no article text found in the page (its markup is nested more than 256 levels deep)",
        id="html-5mb-nested",
    ),
    pytest.param(
        write(
            "scripts.html",
            b"<html><head><style>p{color:red}</style></head><body><script>var a=1;</script>"
            b"<noscript></noscript><style>b{}</style></body></html>",
        ),
        "no article text found in the page",
        id="html-script-style-only",
    ),
    pytest.param(
        write("broken.xml", b"<rss><channel><item><title>x</ti"),
        "malformed feed XML (line 2, column 28: unclosed token); "
        "none of the feed's 1 items carries its full text",
        id="feed-malformed",
    ),
    pytest.param(
        write("laughs.rss", billion_laughs),
        "feed declares XML entities; refused for safety",
        id="feed-billion-laughs",
    ),
    pytest.param(
        write("archive.rss", huge_feed),
        "none of the first 200 of the feed's 10000 items carries its full text",
        id="feed-10000-items",
    ),
    pytest.param(
        write("bare.rss", NO_LINK_NO_CONTENT),
        "none of the feed's 3 items carries its full text",
        id="feed-no-link-no-content-bad-dates",
    ),
]


@pytest.mark.parametrize(("make", "expected"), REFUSED_FILES)
def test_refused_file(home: Home, tmp_path: Path, make: Maker, expected: str) -> None:
    path = make(tmp_path)
    try:
        started = time.monotonic()
        result = byline(home, "add", str(path), "--db", str(home.db), timeout=60)
        elapsed = time.monotonic() - started
    finally:
        for folder in (tmp_path, *tmp_path.iterdir()):
            if folder.is_dir():
                folder.chmod(0o700)  # so pytest can clean up
    assert result.returncode == 1
    assert result.stdout == ""
    assert one_line(result) == f"byline: {path}: {expected}; nothing added"
    assert elapsed < 30  # no hang (the FIFO), no minutes of parsing (the nesting, the feed)
    assert_library_intact(home)


ACCEPTED_FILES: list[Any] = [
    pytest.param(
        write(
            "utf16.txt",
            "Harbour bridge\n“We will finish it,” Anna Kowalska said.\n".encode("utf-16"),
        ),
        "not UTF-8; read as UTF-16 LE",
        "Anna Kowalska",
        id="utf16-with-bom",
    ),
    pytest.param(
        write(
            "broken-utf8.txt", b"Harbour bridge\nThe mayor \x81said \xc3( the bridge would open.\n"
        ),
        "2 undecodable character(s) replaced with U+FFFD",
        "The mayor \ufffdsaid \ufffd( the bridge",
        id="invalid-utf8",
    ),
]


@pytest.mark.parametrize(("make", "warning", "text"), ACCEPTED_FILES)
def test_accepted_file_with_a_warning(
    home: Home, tmp_path: Path, make: Maker, warning: str, text: str
) -> None:
    """Readable, and the reader hears how it was read; the article is annotated (spaCy)."""
    path = make(tmp_path)
    result = byline(home, "annotate", str(path), "--date", "2021-03-04")  # dated: one warning
    assert result.returncode == 0, result.stderr
    assert one_line(result) == f"byline: warning: {path}: {warning}"
    annotation = json.loads(result.stdout)
    assert annotation["article"]["title"] == "Harbour bridge"
    assert text in annotation["article"]["text"]


def test_page_with_a_100kb_title_is_added_with_a_clipped_title(home: Home, tmp_path: Path) -> None:
    path = tmp_path / "long-title.html"
    path.write_bytes(page(title="Headline " * 11_400))  # 102,600 characters
    db = tmp_path / "copy.sqlite3"
    shutil.copy(home.db, db)
    result = byline(home, "add", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "added 1 of 1 articles" in result.stdout
    assert_library_intact(home, db, count=2)
    from tui.library import Library

    with Library(db) as library:
        titles = [a.title for a in library.all_articles() if a.id != home.article_id]
    assert len(titles) == 1 and titles[0] is not None and len(titles[0]) <= 500


# --- URLs: a local server that misbehaves on request, read by ``byline feed refresh`` ----

DRIP_SECONDS = 30  # the server's patience; the fetch must give up long before (10 s)


class Hostile(http.server.BaseHTTPRequestHandler):
    bomb = b""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()  # a broken pipe means the client gave up, as it should

    def _head(self, status: int, ctype: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()

    def _route(self) -> None:
        path = self.path
        if path == "/notfound":
            self.send_error(404)
        elif path == "/crash":
            self.send_error(500)
        elif path == "/drip":
            self._head(200, "application/rss+xml")
            for byte in rss("")[:DRIP_SECONDS]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
        elif path.startswith("/loop"):
            self._head(302, "text/html", Location=f"/loop{len(path)}", Content_Length="0")
        elif path == "/bomb":
            self._head(
                200,
                "application/rss+xml",
                Content_Encoding="gzip",
                Content_Length=str(len(self.bomb)),
            )
            self.wfile.write(self.bomb)
        elif path == "/huge":  # 50 MB, no length announced: the cap must hold while streaming
            self._head(200, "application/rss+xml")
            chunk = b"x" * 65536
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                self.wfile.write(chunk)
        elif path == "/image.png":
            self._head(200, "image/png", Content_Length=str(len(PNG)))
            self.wfile.write(PNG)
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()  # RST instead of FIN
        else:
            self.send_error(400)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    Hostile.bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=6)  # ~50 KB
    with serve(Hostile, quiet=True) as url:
        yield url


URLS: list[Any] = [
    pytest.param("/notfound", "HTTP 404 Not Found", id="404"),
    pytest.param("/crash", "HTTP 500 Internal Server Error", id="500"),
    pytest.param("/drip", "timed out after 10 s", id="slow-drip-1-byte-per-second"),
    pytest.param("/loop", "too many redirects (more than 5)", id="endless-redirect"),
    pytest.param("/bomb", "too large: more than the 10 MB download limit", id="gzip-bomb"),
    pytest.param("/huge", "too large: more than the 10 MB download limit", id="50mb-body"),
    pytest.param(
        "/image.png", "not an article or a feed (content type image/png)", id="wrong-type"
    ),
    pytest.param("/reset", "the server closed the connection", id="connection-reset"),
]


@pytest.mark.parametrize(("path", "expected"), URLS)
def test_refused_url(home: Home, server: str, path: str, expected: str) -> None:
    from tui.library import Library

    url = server + path
    with Library(home.db) as library:
        library.add_feed(url, "Hostile")
    started = time.monotonic()
    result = byline(home, "feed", "refresh", url, "--db", str(home.db), timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert result.stdout == ""
    assert one_line(result) == f"byline: {url}: {expected}"
    assert elapsed < 20  # the 10 s fetch limit, plus starting Python
    assert_library_intact(home)


# --- the reader on a bad path: one line, non-zero -------------------------------------------


@pytest.mark.parametrize("make", [write("image.txt", PNG), missing], ids=["binary", "missing"])
def test_reader_on_a_bad_path(home: Home, tmp_path: Path, make: Maker) -> None:
    path = make(tmp_path)
    result = byline(home, str(path), timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    line = one_line(result)
    assert line.startswith(f"byline: {path}: ") and line.endswith("; no articles to open")


# --- the 1 MB line: accepted, and cut into pieces spaCy can parse -----------------------------


def test_one_megabyte_line_loads_and_is_cut_into_bounded_pieces(tmp_path: Path) -> None:
    """Annotating it takes minutes, so only the loading and the cutting are tested here."""
    path = tmp_path / "one-line.txt"
    line = SENTENCE * (1_000_000 // len(SENTENCE) + 1)
    path.write_text("Harbour bridge\n" + line + "\n", encoding="utf-8")
    (article,) = load_path(path)
    assert article.title == "Harbour bridge" and len(article.text) > 1_000_000
    pieces = bounded(split_paragraphs(article.text))
    assert len(pieces) >= 1_000_000 // PARSE_LIMIT
    assert all(len(piece.text) <= PARSE_LIMIT for piece in pieces)
    assert all(article.text[p.start : p.end] == p.text for p in pieces)


# --- the app: the open-file dialog on bad files -------------------------------------------


@pytest.mark.parametrize(
    ("make", "expected"),
    [(write("image.txt", PNG), "looks like a binary file"), (missing, "no such file")],
    ids=["binary", "missing"],
)
async def test_open_file_dialog_shows_an_error_not_a_traceback(
    tmp_path: Path, seeded_cache: Any, seed_article: Article, make: Maker, expected: str
) -> None:
    from textual.widgets import Input

    from tui.app import BylineApp
    from tui.screens.open_file import OpenFileScreen

    notes: list[tuple[str, str]] = []

    class App(BylineApp):
        def notify(self, message: str, **options: Any) -> None:  # type: ignore[override]
            notes.append((str(message), str(options.get("severity", "information"))))
            super().notify(message, **options)

    path = make(tmp_path)
    app = App([seed_article])
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_open_file()
        await pilot.pause()
        assert isinstance(app.screen, OpenFileScreen)
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OpenFileScreen)  # still open, to correct the path
        ((message, severity),) = notes
        assert severity == "error" and message.startswith(f"{path}: ") and expected in message
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OpenFileScreen)
    assert app.return_code in (None, 0)


# --- properties: whatever the bytes, only SourceError, and only clean text ------------------


@settings(max_examples=100, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                [
                    b"<p>",
                    b"</p>",
                    b"<div>",
                    b"<item>",
                    b"</item>",
                    b"<rss>",
                    b"<channel>",
                    b"<title>",
                    b"# ",
                    b"\n\n",
                    b"&#xD800;",
                    b"&amp;",
                    b"<![CDATA[",
                    b"]]>",
                    b"\xff\xfe",
                    b"\xef\xbb\xbf",
                    b"\x00",
                    b"word ",
                    "Gdańsk ".encode(),
                ]
            ),
            max_size=80,
        ).map(b"".join),
    ),
    suffix=st.sampled_from([".txt", ".html", ".xml", ".md"]),
)
def test_load_path_raises_only_source_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    try:
        articles = load_path(path)
    except SourceError as error:
        message = str(error)
        assert message and "\n" not in message
        return
    assert articles
    for article in articles:
        assert isinstance(article.text, str) and article.text.strip()
        for value in (article.text, article.title or "", article.source or ""):
            value.encode("utf-8")  # no lone surrogates: every string can be stored and shown


async def test_open_file_dialog_still_opens_a_good_file(
    seeded_cache: Any, seed_article: Article, samples_dir: Path
) -> None:
    from textual.widgets import Input

    from tui.app import BylineApp
    from tui.screens.open_file import OpenFileScreen
    from tui.screens.reader import ReaderScreen

    app = BylineApp([seed_article])
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_open_file()
        await pilot.pause()
        app.screen.query_one(Input).value = str(samples_dir / "seed-trump-zelenskyy-nato.txt")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and not isinstance(app.screen, OpenFileScreen)
        assert app.screen.article.text == seed_article.text
