"""End to end in a real browser: ``byline serve`` opened in headless Chromium.

Debian's ``chromium`` and ``chromium-driver`` through selenium (nothing is downloaded at run
time: the driver and the browser are named by path). ``.ci/run`` installs both with apt when
it runs as root; elsewhere this module skips and says what to install.

xterm.js draws the terminal on a canvas, so the page has no text to read. A script put in
the page before its own (over the DevTools protocol) keeps a copy of every byte the app
sends the page's WebSocket, and of the size the page asks for; the test draws those bytes
on a ``pyte`` screen of that size: exactly what xterm.js was given to draw. A screenshot
of the real page is kept as an artifact (``$BYLINE_TEST_ARTIFACTS``, else
``test-artifacts/`` in the repository).

Run with ``-s`` to see the times from page load to the library drawn and from Enter to the
reader with its panes.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_helpers import REPO_ROOT, Served, gone, left_behind, served, wait_until

pyte = pytest.importorskip("pyte", reason="the e2e tests need pyte (test extras)")
webdriver = pytest.importorskip(
    "selenium.webdriver", reason="the browser test needs selenium (test extras)"
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver", "chromium-driver")
PAGE_TIMEOUT = 60.0

TAP = r"""
(() => {
  const Native = window.WebSocket;
  const tap = (window.__bylineTap = {chunks: [], sent: [], closed: null});
  function Tapped(url, protocols) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    ws.addEventListener("message", (event) => {
      if (typeof event.data === "string") return;
      const bytes = new Uint8Array(event.data);
      let text = "";
      for (let i = 0; i < bytes.length; i += 0x8000) {
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      }
      tap.chunks.push([performance.now(), btoa(text)]);
    });
    ws.addEventListener("close", (event) => { tap.closed = [event.code, event.reason]; });
    const send = ws.send.bind(ws);
    ws.send = (data) => { tap.sent.push([performance.now(), String(data)]); return send(data); };
    return ws;
  }
  Tapped.prototype = Native.prototype;
  Object.assign(Tapped, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Tapped;
})();
"""


def _found(names: tuple[str, ...]) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    binary, driver = _found(BROWSERS), _found(DRIVERS)
    if binary is None or driver is None:
        pytest.skip(
            "needs Chromium and its driver: apt-get install chromium chromium-driver "
            f"(found browser: {binary}, driver: {driver})"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1100,720",
        "--no-first-run",
        "--disable-extensions",
    ):
        options.add_argument(argument)
    chrome = webdriver.Chrome(service=Service(driver), options=options)
    try:
        tap(chrome)
        yield chrome
    finally:
        chrome.quit()


def tap(chrome: webdriver.Chrome) -> None:
    """Put the tap in every page this tab loads from now on (DevTools: one tab at a time)."""
    chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TAP})


def new_tab(chrome: webdriver.Chrome) -> str:
    """Open a tab, tapped, and switch to it; return the handle of the tab left."""
    left = chrome.current_window_handle
    chrome.switch_to.new_window("tab")
    tap(chrome)
    return left


class PageTerminal:
    """What the page's terminal was given to draw, drawn again on a pyte screen, with the
    page's own clock: when each piece arrived and when each key left (milliseconds since
    the page started loading), so times are the page's, not this test's polling."""

    def __init__(self, chrome: webdriver.Chrome) -> None:
        self.chrome = chrome
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self.fed = 0
        self.sent: list[tuple[float, str]] = []

    def _feed(self, until: str | None = None) -> float | None:
        """Draw what has arrived; with ``until``, stop at the piece that shows it and
        return its arrival time (``None``: not shown yet)."""
        tap = self.chrome.execute_script("return window.__bylineTap || null")
        if tap is None:
            return None
        self.sent = [(at, message) for at, message in tap["sent"]]
        if self.screen is None:
            sizes = [json.loads(m)[1] for _, m in self.sent if m.startswith('["resize"')]
            if not sizes:
                return None
            self.screen = pyte.Screen(sizes[-1]["width"], sizes[-1]["height"])
            self.stream = pyte.ByteStream(self.screen)
        assert self.stream is not None
        for arrived, chunk in tap["chunks"][self.fed :]:
            self.stream.feed(base64.b64decode(chunk))
            self.fed += 1
            if until is not None and until in self.text():
                return float(arrived)
        return None

    def text(self) -> str:
        return "" if self.screen is None else "\n".join(self.screen.display)

    def wait_for(self, text: str, timeout: float = PAGE_TIMEOUT) -> float:
        """Wait until ``text`` is on the screen; return when it arrived (page ms)."""
        if text in self.text():
            raise AssertionError(f"{text!r} is on the screen already")
        try:
            return wait_until(lambda: self._feed(text), timeout, f"{text!r} in the terminal")
        except pytest.fail.Exception as failed:
            pytest.fail(f"{failed}; it shows:\n{self.text()}")

    def press(self, key: str) -> float:
        """Type ``key`` into the terminal; return when the page sent it (page ms)."""
        self._feed()
        before = len(self.sent)
        # the terminal's own input element: a click would move the library's cursor
        self.chrome.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
        ActionChains(self.chrome).send_keys(key).perform()

        def sent() -> float | None:
            # the key's time only: the answer is drawn by the next wait_for, which times it
            self.sent = self.chrome.execute_script("return window.__bylineTap.sent")
            keys = [at for at, m in self.sent[before:] if m.startswith('["stdin"')]
            return keys[0] if keys else None

        return wait_until(sent, 10.0, f"the page to send {key!r}")


def artifacts() -> Path:
    folder = Path(os.environ.get("BYLINE_TEST_ARTIFACTS") or REPO_ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_reader_in_a_browser_tab(tmp_path: Path, browser: webdriver.Chrome) -> None:
    with served(tmp_path) as server:
        page = PageTerminal(browser)
        browser.get(server.url)
        assert "token" not in browser.current_url  # moved into a cookie
        assert browser.title == "Byline"
        drawn = page.wait_for("Library — 2 articles")  # ms since the page began loading
        assert "Follow-up: air defense for Ukraine" in page.text()
        (pid,) = server.wait_sessions(1)

        pressed = page.press(Keys.ENTER)
        reader = page.wait_for("1 Speakers")
        screen = page.text()
        assert "2 Quotes" in screen
        assert "3 Events" in screen
        assert "Trump" in screen

        page.press("n")
        page.wait_for("quote 1/")
        shot = artifacts() / "serve-reader.png"
        assert browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000  # a drawn page, not a blank one
        assert page.screen is not None
        print(
            f"\nbrowser ({page.screen.columns}×{page.screen.lines}): page load → library "
            f"drawn {drawn / 1000:.3f} s; Enter → reader with panes "
            f"{(reader - pressed) / 1000:.3f} s; screenshot {shot}"
        )

        # The same address without the token, in a tab of its own: 403, and no second app.
        reader_tab = new_tab(browser)
        browser.execute_cdp_cmd("Network.clearBrowserCookies", {})  # every site's
        browser.get(server.base + "/")
        assert "403 Forbidden" in browser.find_element("tag name", "body").text
        time.sleep(1.0)
        assert server.sessions() == [pid]

        # Closing the reader's tab ends its app.
        spare = browser.current_window_handle
        browser.switch_to.window(reader_tab)
        browser.close()
        browser.switch_to.window(spare)
        server.wait_sessions(0, 15.0)
        assert gone([pid]), left_behind([pid])


def test_a_session_survives_nothing_but_its_tab(tmp_path: Path, browser: webdriver.Chrome) -> None:
    """Two tabs, two apps; closing one leaves the other drawing."""
    with served(tmp_path) as server:
        browser.get(server.url)
        PageTerminal(browser).wait_for("Library — 2 articles")
        first = new_tab(browser)
        browser.get(server.base + "/")  # the cookie is enough now
        second = PageTerminal(browser)
        second.wait_for("Library — 2 articles")
        pids = server.wait_sessions(2)
        browser.switch_to.window(first)
        browser.close()
        (left,) = server.wait_sessions(1, 15.0)
        assert left in pids
        browser.switch_to.window(browser.window_handles[0])
        second.press("?")
        second.wait_for("library.people")  # a binding id, listed only by help
        _assert_gone(server, [p for p in pids if p != left])


def _assert_gone(server: Served, pids: list[int]) -> None:
    assert gone(pids), left_behind(pids)
    assert all(p not in server.sessions() for p in pids)
