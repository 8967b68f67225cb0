"""`python -m data ...`: the command line in `data.cli`."""

import sys

from data.cli import main

sys.exit(main())
