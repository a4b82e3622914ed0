"""A wheel built from the repository carries every file the commands read at run time.

``pip install .`` (or a wheel) must work from any folder with nothing of the source tree
beside it: the scenarios, the map and theme assets, the scenario templates and the JSON
Schemas travel inside the package. ``.ci/user-path`` installs that wheel and runs the
commands; this test checks its contents without installing it.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from game.resources import SOURCES

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = {"scenarios": "*.yaml", "assets": "*.json", "schemas": "*.schema.json"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout."""
    out = tmp_path_factory.mktemp("dist")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        cwd=build,
        capture_output=True,
    )
    (built,) = out.glob("sixparty-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    """The file names inside the wheel."""
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_the_wheel_carries_every_data_file_of_the_repository(
    wheel_names: set[str], kind: str
) -> None:
    wanted = sorted((ROOT / SOURCES[kind]).glob(PATTERNS[kind]))
    assert wanted, f"nothing to package from {SOURCES[kind]}/"
    missing = [p.name for p in wanted if f"game/data/{kind}/{p.name}" not in wheel_names]
    assert not missing, f"the wheel lacks {kind}: {missing}"


def test_the_wheel_carries_the_scenario_templates(wheel_names: set[str]) -> None:
    for template in (ROOT / "game" / "scenario" / "templates").glob("*.yaml"):
        assert f"game/scenario/templates/{template.name}" in wheel_names


def test_the_wheel_installs_the_sixparty_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt")]
        entry_points = zf.read(name).decode()
    assert "sixparty = game.cli:main" in entry_points


def test_the_wheel_carries_the_browser_page(wheel_names: set[str]) -> None:
    pages = sorted((ROOT / "server" / "web").iterdir())
    assert pages, "server/web/ holds the browser seat's files"
    missing = [p.name for p in pages if f"server/web/{p.name}" not in wheel_names]
    assert not missing, f"the wheel lacks the browser page's {missing} (pyproject package-data)"
