import sys

from seqboard.cli import main

sys.exit(main())
