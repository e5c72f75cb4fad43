"""A throwaway HTTP server on 127.0.0.1 for tests that fetch URLs (never the network)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serve(
    handler: type[http.server.BaseHTTPRequestHandler], *, quiet: bool = False
) -> Iterator[str]:
    """Serve ``handler`` on a free loopback port; yield the base URL; stop on exit."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    if quiet:  # the hostile handlers reset connections on purpose
        httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
