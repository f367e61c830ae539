"""``tiklive`` / ``python -m tiklive_desktop``: the window, or a subcommand of the CLI.

``tiklive`` alone (or with window options such as ``--db`` and ``--demo``) opens
the app; ``tiklive calc ...``, ``tiklive summary ...`` and the other
subcommands run the command line without loading Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from tiklive_desktop import cli

    if args and (args[0] in cli.SUBCOMMANDS or args[0] in {"-V", "--version"}):
        return cli.main(args)
    from tiklive_desktop import app  # Qt is imported only for the window

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
