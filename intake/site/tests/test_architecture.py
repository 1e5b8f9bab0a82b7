"""The architecture's rule, checked on every run: a package imports only the packages below it
(the layers in pyproject.toml's import-linter contract, drawn in docs/architecture.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is a development dependency (requirements-dev.txt)"
    return subprocess.run(
        [command, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_every_import_runs_down_the_layers():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_a_kernel_module_importing_a_domain_app_breaks_the_contract(tmp_path):
    # Given a copy of the code in which the kernel imports the selection...
    shutil.copytree(ROOT / "intake", tmp_path / "intake", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    forbidden = tmp_path / "intake" / "core" / "forbidden.py"
    forbidden.write_text(textwrap.dedent("from intake.selection import models  # noqa\n"))
    # ...the contract is broken, and the report names the import.
    result = _lint_imports(tmp_path)
    assert result.returncode == 1
    assert "intake.core is not allowed to import intake.selection" in result.stdout
    assert "intake.core.forbidden -> intake.selection.models" in result.stdout
