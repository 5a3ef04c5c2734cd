"""``python -m fieldreg.cli``."""

import sys

from fieldreg.cli import main

if __name__ == "__main__":  # importing it (the layering test does) runs nothing
    sys.exit(main())
