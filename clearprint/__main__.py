"""Allow ``python -m clearprint``."""

from clearprint.cli import main

main()
