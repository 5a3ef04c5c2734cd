"""``python -m fieldreg.server …`` is ``fieldreg-server …``."""

import sys

from fieldreg.server.cli import main

sys.exit(main())
