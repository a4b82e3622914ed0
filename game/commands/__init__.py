"""Subcommands of the ``sixparty`` command line, one module each (see :mod:`game.cli`)."""
