"""``byline serve``: the reader in a browser tab (textual-serve), behind a token; and its
subparser. The library is prepared here, once (seeded on first use, PATHs added); each
visitor's tab then runs ``byline --db LIBRARY`` in a process of its own."""

from __future__ import annotations

import argparse
import os
import socket
import sys

from tui.cli.common import (
    EXIT_OK,
    MODEL_HELP,
    CommandError,
    HelpFormatter,
    _open_library,
    _positive,
    warn,
)
from tui.cli.reader import read_articles, seed_library
from tui.humantime import plural

SERVE_DESCRIPTION = """\
Serve the reader to web browsers: every tab gets the same app as the terminal (library,
reader, People, Search, Stories, Feeds), running in a process of its own on this machine.

Private by default: the server listens on 127.0.0.1 only and answers nothing (403, no app
started) without the secret token printed with its address; the browser keeps it in a
cookie. Set the token with --token or $BYLINE_SERVE_TOKEN, else a new one is made at each
start. From another machine, tunnel over SSH rather than listening on the network:

  ssh -L 8000:127.0.0.1:8000 HOST    # then open the printed address here

PATHs are added to the library before serving. At most --max-sessions tabs run at once
(more are told to try again later); closing a tab ends its app.
"""


def add_serve_command(subcommands: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    serve = subcommands.add_parser(
        "serve",
        parents=[db],
        help="serve the reader to web browsers (private: token, 127.0.0.1)",
        description=SERVE_DESCRIPTION,
        formatter_class=HelpFormatter,
    )
    serve.add_argument("paths", nargs="*", metavar="PATH", help="articles to add first")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="port (default: 8000; 0: any free port)"
    )
    serve.add_argument("--token", help="the secret (default: $BYLINE_SERVE_TOKEN, else random)")
    serve.add_argument(
        "--max-sessions",
        type=_positive,
        default=8,
        metavar="N",
        help="browser tabs served at once (default: 8)",
    )
    serve.add_argument("--model", default=argparse.SUPPRESS, help=MODEL_HELP)
    serve.set_defaults(func=run_serve)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0 to 65535)")
    return port


def run_serve(args: argparse.Namespace) -> int:
    from tui.serve.access import TOKEN_ENV, is_loopback, new_token, token_problem

    token, origin = args.token, "--token"
    if not token and os.environ.get(TOKEN_ENV):
        token, origin = os.environ[TOKEN_ENV], f"${TOKEN_ENV}"
    token = token or new_token()
    if problem := token_problem(token):
        raise CommandError(f"{origin}: {problem}")
    articles = read_articles(args.paths) if args.paths else []
    with _open_library(args) as library:
        if articles:
            library.add(articles)
        else:
            seed_library(library)
        count = library.article_count()
        path = os.path.abspath(library.path)
    if not count:
        raise CommandError("the library is empty; add articles with `byline add PATH`")
    if not is_loopback(args.host):
        warn(
            f"listening on {args.host}: the library becomes reachable from the network to "
            "anyone with the token, unencrypted; prefer 127.0.0.1 and an SSH tunnel"
        )
    argv = [sys.executable, "-m", "tui", "--db", path]
    if getattr(args, "model", None):
        argv += ["--model", args.model]
    return _serve(argv, args, token, path, count)


def _serve(argv: list[str], args: argparse.Namespace, token: str, db: str, count: int) -> int:
    import logging

    from tui.serve import BylineServer, ServeError

    # Sessions starting and ending, refusals, an app that fails to start: one line each.
    logging.basicConfig(level=logging.INFO, format="byline serve: %(message)s", stream=sys.stderr)
    logging.getLogger("aiohttp").setLevel(logging.WARNING)

    server = BylineServer(
        argv, token=token, host=args.host, port=args.port, max_sessions=args.max_sessions
    )

    def ready(port: int) -> None:
        print(
            f"Byline is serving {db} ({plural(count, 'article')}).\n"
            "Open this address in a browser (it holds the secret token):\n\n"
            f"    {address(args.host, port, token)}\n\n"
            f"At most {plural(args.max_sessions, 'tab')} at once. Ctrl+C stops the server.",
            flush=True,
        )

    try:
        server.run(ready)
    except ServeError as exc:
        raise CommandError(str(exc)) from None
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def address(host: str, port: int, token: str) -> str:
    """The address to open: this machine's name for a wildcard host, IPv6 in brackets."""
    if host in ("", "0.0.0.0", "::"):
        host = socket.gethostname()
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/?token={token}"
