"""``python -m efs`` runs the CLI."""

from efs.cli import main

main()
