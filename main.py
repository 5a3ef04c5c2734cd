"""Start the fieldreg desktop app: ``python main.py [--home FOLDER] [--lang id|en]``."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
