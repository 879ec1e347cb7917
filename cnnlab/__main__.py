"""`python -m cnnlab …` — the command line (see cnnlab.cli)."""
from cnnlab.cli import main

raise SystemExit(main())
