"""``python -m healthyplaces``: the same command line as the ``healthyplaces`` script."""
import sys

from .cli import main

sys.exit(main())
