"""``python -m tui`` is the ``byline`` command."""

from tui.cli import main

raise SystemExit(main())
