"""`python -m evaluation` is the same as the `evaluation` command."""

from evaluation.cli import main

main()
