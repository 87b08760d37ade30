"""``python -m assistant``: the same command line as the ``assistant`` script."""

from .faces.cli import run

run()
