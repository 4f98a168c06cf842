"""The import contracts hold for the code, and a forbidden import breaks them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    # lint-imports finds the package on the path of the directory it runs in.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )


def lint_imports_with(tree: Path, app: str, source: str) -> subprocess.CompletedProcess[str]:
    """lint-imports over the tree with a module of ``source`` added to ``app`` for the run."""
    module = tree / "infohub" / app / "forbidden_example.py"
    module.write_text(source)
    try:
        return lint_imports(tree)
    finally:
        module.unlink()


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the infohub package, Python files only, that a test may change."""
    copy = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "infohub", copy / "infohub", ignore=_all_but_python)
    return copy


def _all_but_python(folder: str, names: list[str]) -> list[str]:
    """Leave out caches and every file that is not Python, such as templates and catalogs."""
    return [
        name
        for name in names
        if name == "__pycache__" or not (name.endswith(".py") or (Path(folder) / name).is_dir())
    ]


def test_the_code_keeps_every_import_contract(tree: Path) -> None:
    result = lint_imports(tree)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_platform_piece_importing_a_domain_app_breaks_the_contracts(tree: Path) -> None:
    result = lint_imports_with(tree, "core", "import infohub.counselling.models\n")

    assert result.returncode != 0
    assert "Platform pieces import no domain app BROKEN" in result.stdout
    assert "infohub.core.forbidden_example -> infohub.counselling.models" in result.stdout


def test_an_app_importing_another_apps_views_breaks_the_contracts(tree: Path) -> None:
    result = lint_imports_with(tree, "news", "import infohub.articles.views\n")

    assert result.returncode != 0
    assert "Only articles itself and the URL map import articles views BROKEN" in result.stdout


def test_an_import_that_closes_a_cycle_between_apps_breaks_the_contracts(tree: Path) -> None:
    # articles imports search (to log its changes); search importing articles back is the
    # cycle the search sources registry removed.
    result = lint_imports_with(tree, "search", "import infohub.articles.models\n")

    assert result.returncode != 0
    assert "No cycles between apps BROKEN" in result.stdout
    assert "infohub.search.forbidden_example -> infohub.articles.models" in result.stdout


def test_a_cycle_through_an_app_no_layer_names_yet_is_caught(tree: Path) -> None:
    package = tree / "infohub" / "newapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("import infohub.counselling.models\n")
    try:
        result = lint_imports_with(tree, "counselling", "import infohub.newapp.models\n")
    finally:
        shutil.rmtree(package)

    assert result.returncode != 0
    assert "No cycles between apps BROKEN" in result.stdout
