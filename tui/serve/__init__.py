"""``byline serve``: the same app in a browser tab, one app process per visitor.

textual-serve draws the terminal with xterm.js and runs the app under Textual's web
driver; it has no access control of its own, so everything here is about who may start
an app process and how long it lives: a secret token checked before any process starts
(:mod:`tui.serve.access`), a bounded number of sessions, each killed with its process
group when its tab goes away (:mod:`tui.serve.session`), and the server that ties them
together (:mod:`tui.serve.server`).
"""

from tui.serve.server import BylineServer, ServeError

__all__ = ["BylineServer", "ServeError"]
