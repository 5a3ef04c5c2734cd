"""Entry point of the bundled desktop app (``fieldreg-app``, no console window)."""

import gc
import sys

# Start-up allocates many long-lived objects (PySide6, the first window) and the cyclic
# collector's passes over them found next to nothing to free: off until the window is drawn
# (ui.app.main turns it on again a second later).
gc.disable()
from ui.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
