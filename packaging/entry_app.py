"""Entry point of the bundled desktop app (``fieldreg-app``, no console window)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
