"""The web server: textual-serve's page and WebSocket protocol behind Byline's access
rules, with a bounded number of app processes.

Reused from textual-serve: its static files (xterm.js and its glue), its message loop and
its download route. Byline's own: the page template (nothing fetched from other sites),
addresses taken from the request (so an SSH tunnel on another local port still works),
the token check before any handler, the session limit, and an orderly end of every app
process when the server stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from tui.serve.access import COOKIE, same_origin, same_token
from tui.serve.session import AppSession

log = logging.getLogger("byline.serve")

TEMPLATES = Path(__file__).parent / "templates"
TRY_AGAIN_LATER = 1013  # WebSocket close code: the server is busy, come back later
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
NO_STORE = {"Cache-Control": "no-store"}  # pages and downloads; xterm.js may be cached


class ServeError(Exception):
    """The server cannot start (the port is taken, the address is not this machine's)."""


class BylineServer(Server):
    """Serve ``argv`` (the app's command line) to browsers that hold ``token``."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        token: str,
        host: str = "127.0.0.1",
        port: int = 8000,
        max_sessions: int = 8,
        title: str = "Byline",
    ) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title=title)
        self.templates_path = TEMPLATES
        self.argv = list(argv)
        self.token = token
        self.max_sessions = max_sessions
        self.sessions: dict[str, AppSession] = {}
        self._reserved = 0  # handshakes under way, counted before their process starts
        self._runner: web.AppRunner | None = None

    # -- the aiohttp application ------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._security_headers, self._require_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/favicon.ico", self.handle_favicon),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _security_headers(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        response = await handler(request)
        if not response.prepared:  # a WebSocket has sent its headers already
            cached = request.path.startswith("/static/") and response.status == 200
            for name, value in (SECURITY_HEADERS | ({} if cached else NO_STORE)).items():
                response.headers.setdefault(name, value)
        return response

    @web.middleware
    async def _require_token(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        """Nothing without the token: in the query once (kept in a cookie), then the cookie."""
        given = request.query.get("token")
        if same_token(given, self.token):
            if request.path == "/" and request.method == "GET":
                # Keep the token out of the address bar and history: cookie, then redirect.
                rest = {k: v for k, v in request.query.items() if k != "token"}
                response = web.Response(
                    status=302, headers={"Location": "/" + (f"?{urlencode(rest)}" if rest else "")}
                )
                response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
                return response
            return await handler(request)
        cookie = request.cookies.get(COOKIE)
        if same_token(cookie, self.token):
            return await handler(request)
        why = "a wrong token" if given is not None else "an old cookie" if cookie else "no token"
        log.info("refused %s %s from %s: %s", request.method, request.path, request.remote, why)
        return web.Response(
            status=403,
            text=(
                "403 Forbidden: this Byline needs the address with its token, as "
                "`byline serve` printed it (…/?token=…).\n"
            ),
        )

    # -- the page ---------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The page, with the WebSocket address of the host the browser asked for."""
        if self._open_count() >= self.max_sessions:
            log.info("refused a page: all %d sessions in use", self.max_sessions)
            busy = aiohttp_jinja2.render_template(
                "busy.html", request, {"message": self._busy_text(), "title": self.title}
            )
            busy.set_status(503)
            busy.headers["Retry-After"] = "30"
            return busy
        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_favicon(self, request: web.Request) -> web.Response:
        """No icon: an empty answer rather than a 404 in every visitor's console."""
        return web.Response(status=204)

    def _busy_text(self) -> str:
        return (
            f"All {self.max_sessions} Byline sessions on this server are in use. "
            "Close another Byline tab, then reload this page.\n"
        )

    def _open_count(self) -> int:
        return len(self.sessions) + self._reserved

    # -- one visitor's session ----------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Start one app process for this tab and relay until either side goes away."""
        if not same_origin(request.headers.get("Origin"), request.host):
            log.info("refused a WebSocket from another site: %s", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="403 Forbidden: not from this server's own page\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        if self._open_count() >= self.max_sessions:
            await websocket.prepare(request)
            await websocket.send_bytes(("\r\n  " + self._busy_text()).encode())
            await websocket.close(code=TRY_AGAIN_LATER, message=b"all sessions in use")
            log.info("refused a session: %d of %d in use", self._open_count(), self.max_sessions)
            return websocket
        self._reserved += 1  # counted from here, so a burst of handshakes cannot overshoot
        session: AppSession | None = None
        try:
            await websocket.prepare(request)
            session = AppSession(
                self.argv,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await session.start(width, height)
            self._reserved -= 1
            self.sessions[session.app_service_id] = session
            log.info("session started (%d of %d in use)", len(self.sessions), self.max_sessions)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as exc:  # a broken message from the page ends only its session
            log.warning("session failed: %s: %s", type(exc).__name__, exc)
        finally:
            running = session is not None and session.app_service_id in self.sessions
            if session is not None:
                await session.stop()  # still counted until its process is gone
            if running:
                del self.sessions[session.app_service_id]
                log.info("session ended (%d of %d in use)", len(self.sessions), self.max_sessions)
            else:
                self._reserved -= 1
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every app process before the server goes."""
        await asyncio.gather(*(s.stop() for s in list(self.sessions.values())))

    # -- running ------------------------------------------------------------------------

    async def start(self) -> int:
        """Listen; return the port (the one the system chose for ``port=0``)."""
        self._runner = web.AppRunner(await self._make_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            reason = exc.strerror or str(exc)
            raise ServeError(f"cannot listen on {self.host} port {self.port}: {reason}") from None
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()  # runs on_shutdown: every app process ends
            self._runner = None

    def run(self, ready: Callable[[int], None]) -> None:
        """Serve until Ctrl+C or SIGTERM; ``ready(port)`` once listening."""

        async def main() -> None:
            stopping = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(signum, stopping.set)
            port = await self.start()
            try:
                ready(port)
                await stopping.wait()
            finally:
                await self.stop()

        asyncio.run(main())
