"""``byline serve`` over HTTP and WebSocket, as a browser (or anyone else) reaches it.

The real command runs in a subprocess (:mod:`serve_helpers`); the tests talk to it with
aiohttp's client and count its app processes in ``/proc``: nothing without the token,
one process a tab, a bounded number at once, none left when a tab goes or the server stops.
The browser itself is in ``test_e2e_browser.py``.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="byline serve needs aiohttp (textual-serve)")
pyte = pytest.importorskip("pyte", reason="the e2e tests need pyte (test extras)")

from serve_helpers import TOKEN, Served, annotated_library, gone, left_behind, served  # noqa: E402

from tui.serve.access import COOKIE, is_loopback, same_origin, token_problem  # noqa: E402

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes in /proc (Linux)"),
]

APP_TIMEOUT = 30.0
SESSION_END = 15.0
LIBRARY_DRAWN = (
    "Library — 2 articles"  # the quit request's grace, then SIGTERM's, with room to spare
)


def cookies() -> dict[str, str]:
    return {COOKIE: TOKEN}


async def first_screen(ws: aiohttp.ClientWebSocketResponse, text: str) -> str:
    """Draw the app's output on an 80×24 screen until ``text`` shows; return the screen."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    async with asyncio.timeout(APP_TIMEOUT):
        while not any(text in line for line in screen.display):
            message = await ws.receive()
            if message.type != aiohttp.WSMsgType.BINARY:
                pytest.fail(f"the session closed before {text!r} showed: {message}")
            stream.feed(message.data)
    return "\n".join(screen.display)


# -- the access rules, as pure functions --------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses_are_told_from_network_ones(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_websocket_must_come_from_the_page_this_server_served() -> None:
    assert same_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert same_origin(None, "127.0.0.1:8000")  # not a browser: the token still holds it
    assert not same_origin("http://evil.example", "127.0.0.1:8000")
    assert not same_origin("http://127.0.0.1:9000", "127.0.0.1:8000")


def test_a_chosen_token_must_be_long_and_fit_in_a_url() -> None:
    assert token_problem("short") is not None
    assert token_problem("has spaces in the token") is not None
    assert token_problem("é" * 20) is not None
    assert token_problem(TOKEN) is None


# -- the command line ---------------------------------------------------------------------


def run_serve(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``byline serve ARGS…`` as a new user, to its end (these runs never get to serve)."""
    from serve_helpers import byline_executable, new_user_env

    executable = byline_executable()
    if executable is None:
        pytest.skip("no `byline` executable")
    return subprocess.run(
        [executable, "serve", *args],
        env=new_user_env(tmp_path) | (env or {}),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_short_token_is_refused_before_anything_starts(tmp_path: Path) -> None:
    result = run_serve(tmp_path, "--token", "secret", "--db", str(tmp_path / "lib.sqlite3"))
    assert result.returncode == 1
    assert result.stderr.strip() == "byline: --token: the token must be at least 16 characters long"
    assert not (tmp_path / "lib.sqlite3").exists()


def test_a_short_token_from_the_environment_says_where_it_came_from(tmp_path: Path) -> None:
    result = run_serve(
        tmp_path, "--db", str(tmp_path / "lib.sqlite3"), env={"BYLINE_SERVE_TOKEN": "short"}
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "byline: $BYLINE_SERVE_TOKEN: the token must be at least 16 characters long"
    )


def test_a_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    annotated_library(tmp_path / "lib.sqlite3")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_serve(tmp_path, "--port", str(port), "--db", str(tmp_path / "lib.sqlite3"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"byline: cannot listen on 127.0.0.1 port {port}: ")
    assert "Traceback" not in result.stderr


def test_a_network_address_is_warned_about_before_listening(tmp_path: Path) -> None:
    """192.0.2.1 (TEST-NET-1) is no address of this machine: the warning, then one line."""
    annotated_library(tmp_path / "lib.sqlite3")
    result = run_serve(tmp_path, "--host", "192.0.2.1", "--db", str(tmp_path / "lib.sqlite3"))
    assert result.returncode == 1
    warning, failure = result.stderr.splitlines()
    assert warning.startswith("byline: warning: listening on 192.0.2.1: the library becomes")
    assert "SSH tunnel" in warning
    assert failure.startswith("byline: cannot listen on 192.0.2.1 port 8000: ")


def test_the_address_printed_holds_the_token_and_the_limit(tmp_path: Path) -> None:
    with served(tmp_path, "--max-sessions", "3") as server:
        printed = server.output.read_text()
    assert f"    {server.url}\n" in printed
    assert "(2 articles)" in printed
    assert "At most 3 tabs at once" in printed
    assert "warning" not in printed  # loopback: nothing to warn about
    assert "byline serve: session" not in printed  # no tab opened


# -- nothing without the token ------------------------------------------------------------


async def test_without_the_token_every_address_is_403_and_no_app_starts(tmp_path: Path) -> None:
    with served(tmp_path) as server:
        async with aiohttp.ClientSession() as client:
            for path in ("/", "/?token=wrong-token-0123456789", "/ws", "/static/js/textual.js"):
                async with client.get(server.base + path, allow_redirects=False) as response:
                    assert response.status == 403, path
                    assert "token" in await response.text()
        async with aiohttp.ClientSession(cookies={COOKIE: "guess" * 6}) as client:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(server.base + "/ws")
            assert refused.value.status == 403
        assert server.sessions() == []
    log = server.output.read_text()
    assert "refused GET / from 127.0.0.1: no token" in log
    assert "refused GET / from 127.0.0.1: a wrong token" in log
    assert "refused GET /ws from 127.0.0.1: an old cookie" in log


async def test_the_token_is_kept_in_a_cookie_and_taken_out_of_the_address(
    tmp_path: Path,
) -> None:
    with served(tmp_path) as server:
        async with aiohttp.ClientSession() as client:
            async with client.get(server.url + "&fontsize=14", allow_redirects=False) as response:
                assert response.status == 302
                assert response.headers["Location"] == "/?fontsize=14"
                cookie = response.headers["Set-Cookie"]
                assert f"{COOKIE}={TOKEN}" in cookie
                assert "HttpOnly" in cookie
                assert "SameSite=Strict" in cookie
            # The page addresses the host the browser asked for: a tunnel's own local
            # port keeps working.
            async with client.get(
                server.base + "/", cookies=cookies(), headers={"Host": "localhost:9999"}
            ) as response:
                assert response.status == 200
                page = await response.text()
                assert 'data-session-websocket-url="ws://localhost:9999/ws"' in page
                assert "googleapis" not in page  # the page fetches nothing from elsewhere
                assert response.headers["Referrer-Policy"] == "no-referrer"
                assert response.headers["Cache-Control"] == "no-store"
            async with client.get(server.base + "/favicon.ico", cookies=cookies()) as icon:
                assert icon.status == 204  # not a 404 in the visitor's console
            async with client.get(server.base + "/static/js/textual.js", cookies=cookies()) as js:
                assert js.status == 200
                assert "Cache-Control" not in js.headers  # the page's script may be cached
                assert js.headers["X-Content-Type-Options"] == "nosniff"
        assert server.sessions() == []


async def test_a_websocket_opened_by_another_site_is_refused(tmp_path: Path) -> None:
    with served(tmp_path) as server:
        async with aiohttp.ClientSession(cookies=cookies()) as client:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(
                    server.base + "/ws", headers={"Origin": "http://evil.example"}
                )
            assert refused.value.status == 403
        assert server.sessions() == []


# -- one process a tab, and none left -----------------------------------------------------


async def test_a_tab_gets_an_app_and_closing_it_ends_the_process(tmp_path: Path) -> None:
    with served(tmp_path) as server:
        async with aiohttp.ClientSession(cookies=cookies()) as client:
            ws = await client.ws_connect(
                server.base + "/ws?width=80&height=24",
                headers={"Origin": server.base},
            )
            screen = await first_screen(ws, LIBRARY_DRAWN)
            assert "Follow-up: air defense" in screen
            (pid,) = server.wait_sessions(1)
            await ws.close()
            server.wait_sessions(0, SESSION_END)
        assert gone([pid]), left_behind([pid])
    log = server.output.read_text()  # the server has stopped: its log is whole
    assert "byline serve: session started (1 of 8 in use)" in log
    assert "byline serve: session ended (0 of 8 in use)" in log


async def test_quitting_the_app_in_the_tab_ends_its_session(tmp_path: Path) -> None:
    with served(tmp_path) as server:
        async with aiohttp.ClientSession(cookies=cookies()) as client:
            ws = await client.ws_connect(server.base + "/ws")
            await first_screen(ws, LIBRARY_DRAWN)
            (pid,) = server.wait_sessions(1)
            await ws.send_str(json.dumps(["stdin", "q"]))
            async with asyncio.timeout(SESSION_END):
                while (await ws.receive()).type == aiohttp.WSMsgType.BINARY:
                    pass  # the last frames, then the server closes the socket
            assert ws.closed
            server.wait_sessions(0, SESSION_END)
        assert gone([pid]), left_behind([pid])


async def test_twenty_tabs_at_once_are_served_or_refused_and_none_is_left(
    tmp_path: Path,
) -> None:
    """A bounded burst on loopback: 20 handshakes together against a limit of 3."""
    limit, tabs = 3, 20
    with served(tmp_path, "--max-sessions", str(limit)) as server:
        async with aiohttp.ClientSession(cookies=cookies()) as client:

            async def open_tab() -> tuple[aiohttp.ClientWebSocketResponse, str]:
                ws = await client.ws_connect(server.base + "/ws")
                first = await ws.receive(timeout=APP_TIMEOUT)
                if first.type == aiohttp.WSMsgType.BINARY and b"in use" in first.data:
                    closing = await ws.receive(timeout=APP_TIMEOUT)
                    assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                    assert ws.close_code == 1013  # try again later
                    return ws, "refused"
                assert first.type == aiohttp.WSMsgType.BINARY, first
                return ws, "served"

            outcomes = await asyncio.gather(*(open_tab() for _ in range(tabs)))
            kinds = [kind for _, kind in outcomes]
            assert kinds.count("served") == limit
            assert kinds.count("refused") == tabs - limit
            pids = server.wait_sessions(limit)
            # The page itself says so while every session is taken.
            async with client.get(server.base + "/") as page:
                assert page.status == 503
                assert page.headers["Retry-After"] == "30"
                assert f"All {limit} Byline sessions on this server are in use" in await page.text()
            for ws, _ in outcomes:
                await ws.close()
            server.wait_sessions(0, SESSION_END)
            assert gone(pids), left_behind(pids)
            # and the server serves the next visitor as before
            ws = await client.ws_connect(server.base + "/ws")
            await first_screen(ws, LIBRARY_DRAWN)
            await ws.close()
            server.wait_sessions(0, SESSION_END)


def test_stopping_the_server_ends_every_session(tmp_path: Path) -> None:
    async def open_a_tab_then_stop(server: Served) -> list[int]:
        async with aiohttp.ClientSession(cookies=cookies()) as client:
            ws = await client.ws_connect(server.base + "/ws")
            await first_screen(ws, LIBRARY_DRAWN)
            pids = server.wait_sessions(1)
            server.process.send_signal(signal.SIGINT)  # Ctrl+C, with the tab still open
            await asyncio.to_thread(server.process.wait, SESSION_END)
            return pids

    with served(tmp_path) as server:
        pids = asyncio.run(open_a_tab_then_stop(server))
        assert server.process.returncode == 0
    assert gone(pids), left_behind(pids)


async def test_an_app_that_will_not_quit_is_ended_with_everything_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stuck app ignores the quit request and SIGTERM, and has a worker of its own."""
    import sys
    import time

    from serve_helpers import descendants
    from textual_serve.download_manager import DownloadManager

    import tui.serve.session as session_module

    monkeypatch.setattr(session_module, "QUIT_GRACE", 0.5)
    monkeypatch.setattr(session_module, "TERM_GRACE", 0.5)
    stubborn = (
        "import signal, subprocess, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
        "time.sleep(120)\n"
    )

    async def ignore(*_: object) -> None:
        return None

    session = session_module.AppSession(
        [sys.executable, "-c", stubborn],
        write_bytes=ignore,
        write_str=ignore,
        close=ignore,
        download_manager=DownloadManager(),
    )
    await session.start(80, 24)
    assert session.process is not None
    pid = session.process.pid
    async with asyncio.timeout(20):
        while not descendants(pid):  # its worker has started
            await asyncio.sleep(0.05)
    started = time.monotonic()
    async with asyncio.timeout(10):  # an unbounded stop fails here rather than hanging
        await session.stop()
    assert time.monotonic() - started < 5
    assert session.process.returncode == -signal.SIGKILL
    assert gone([pid]), left_behind([pid])


async def test_an_app_that_dies_closes_its_tab(tmp_path: Path) -> None:
    """A crash must not leave a blank tab holding a session slot until it is closed."""
    import sys

    from textual_serve.download_manager import DownloadManager

    from tui.serve.session import AppSession

    closed = asyncio.Event()

    async def ignore(*_: object) -> None:
        return None

    async def close() -> None:
        closed.set()

    session = AppSession(
        [sys.executable, "-c", "import sys; sys.exit(3)"],
        write_bytes=ignore,
        write_str=ignore,
        close=close,
        download_manager=DownloadManager(),
    )
    await session.start(80, 24)
    async with asyncio.timeout(20):
        await closed.wait()
    await session.stop()
    assert session.process is not None and session.process.returncode == 3
