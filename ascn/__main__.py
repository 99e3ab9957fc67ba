"""`python -m ascn` runs the command-line interface."""

from ascn.cli import main

main()
