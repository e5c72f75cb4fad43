"""The ``byline`` command: the reader, the library's commands, annotating articles to JSON
or text, and scoring the engine on gold data.

Startup stays cheap: spaCy (via :mod:`tui.nlp`) is imported inside the commands that
annotate, never at module import. Every failure a user can cause ends as one line on
stderr (``byline: …``) and a non-zero exit status, never a traceback.

The modules, lowest first (each imports only those above it in this list):

- :mod:`tui.cli.common` — the program name and exit codes, :class:`CommandError` and the
  ``byline: …`` lines (``error``, ``warn``, ``shown``), the shared option help and the
  help formatter wrapping it to the terminal, argparse types, listing rows fitted to the
  terminal (``fit_row``), opening the library, the engine's errors as one line, writing a
  file whole.
- :mod:`tui.cli.inputs` — the articles named on the command line: files, directories and
  stdin, ``--date`` checking.
- :mod:`tui.cli.progress` — the ``annotating n/N`` line and the indexing progress bar.
- :mod:`tui.cli.annotate` — ``annotate`` and ``eval``.
- :mod:`tui.cli.library` — ``add``, ``search``, ``people``, ``stories``, ``export``,
  ``library``, ``rm`` and ``read``.
- :mod:`tui.cli.feeds` — ``feed add|list|remove|refresh``, ``import-opml``, ``export-opml``.
- :mod:`tui.cli.index` — ``index``.
- :mod:`tui.cli.reader` — ``byline`` with no command: the reader on the library (seeded
  with the bundled samples on first run) or on the articles given.
- :mod:`tui.cli.main` — the argument parser (each command module registers its own
  subcommands; ``bench`` is :mod:`tui.bench.command`) and :func:`main`.

Only :func:`main` is exported here (``[project.scripts] byline = "tui.cli:main"``). Note
that it shadows the submodule's name as an attribute of this package: reach the module as
``sys.modules["tui.cli.main"]`` or with ``from tui.cli.main import …``.
"""

from tui.cli.main import main

__all__ = ["main"]
