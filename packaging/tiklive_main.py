"""PyInstaller's entry script: the same ``main`` as the ``tiklive`` console script."""

import sys

from tiklive_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
