"""Where the data files that the commands read at run time are found.

The scenarios, the map and theme assets and the scenario JSON Schemas have one source in
the repository: the top-level ``scenarios/``, ``assets/`` and ``docs/`` folders. A built
wheel carries copies of them inside the package, under ``game/data/`` (``setup.py`` puts
them there); a source checkout or an editable install reads the top-level folders.
Nothing here depends on the current folder.

>>> (data_dir("scenarios") / "korea-2019.yaml").is_file()
True
>>> (data_dir("assets") / "theme.json").is_file()
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: What the package carries, and the repository folder each comes from.
SOURCES = {"scenarios": "scenarios", "assets": "assets", "schemas": "docs"}


def data_dir(kind: str) -> Path:
    """The folder holding one kind of data file (``scenarios``, ``assets``, ``schemas``)."""
    if kind not in SOURCES:
        raise ValueError(f"no data folder {kind!r}; there are {', '.join(SOURCES)}")
    packaged = files("game").joinpath("data", kind)
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / SOURCES[kind]
