"""Build hook: the wheel carries the data files the commands read at run time.

The repository keeps one source for each: ``scenarios/``, ``assets/`` and the scenario
JSON Schemas in ``docs/``. A build copies them into the package as ``game/data/``, where
``game.resources.data_dir`` finds them in an installed wheel. Everything else about the
project is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent

#: Folder in the package <- (folder in the repository, file patterns).
DATA = {
    "scenarios": ("scenarios", ("*.yaml",)),
    "assets": ("assets", ("*.json",)),
    "schemas": ("docs", ("*.schema.json",)),
}


class BuildWithData(build_py):
    """``build_py`` that also copies the data folders into ``game/data/``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the repository's folders
            return
        for kind, (source, patterns) in DATA.items():
            target = Path(self.build_lib) / "game" / "data" / kind
            shutil.rmtree(target, ignore_errors=True)  # no stale file from an earlier build
            target.mkdir(parents=True)
            for pattern in patterns:
                for path in sorted((HERE / source).glob(pattern)):
                    shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildWithData})
