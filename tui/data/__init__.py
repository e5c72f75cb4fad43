"""Data files shipped with Byline (JSON tables read through :mod:`importlib.resources`).

This is a package only so that ``importlib.resources.files("tui.data")`` finds the files both
in a source checkout and in an installed wheel; it holds no code.
"""
