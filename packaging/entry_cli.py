"""Entry point of the bundled ``fieldreg`` command."""

import sys

from fieldreg.cli import main

if __name__ == "__main__":
    sys.exit(main())
