"""The clinical core stays framework-free: no Django, no database, no HTTP, no settings.

Every module under painwise/clinical is parsed; any import outside the allowed list fails.
"""

import ast
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "src" / "painwise" / "clinical"
# The standard library, plus the pure data libraries the core is allowed to use.
ALLOWED_THIRD_PARTY = {"pydantic", "numpy", "scipy"}  # scipy: signal processing (EEG)
FORBIDDEN_PROJECT = ("painwise.web", "painwise.accounts", "painwise.api", "painwise.audit")


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_the_core_exists():
    assert len(list(CORE.rglob("*.py"))) > 3


def test_the_core_imports_only_the_standard_library_and_pure_data_libraries():
    offenders = []
    for path in CORE.rglob("*.py"):
        for name in imports_of(path):
            top = name.split(".")[0]
            if name.startswith("painwise."):
                if not name.startswith("painwise.clinical") or name.startswith(FORBIDDEN_PROJECT):
                    offenders.append(f"{path.relative_to(CORE)}: {name}")
            elif top not in sys.stdlib_module_names and top not in ALLOWED_THIRD_PARTY:
                offenders.append(f"{path.relative_to(CORE)}: {name}")
    assert offenders == []


CORE_TESTS = CORE.parents[2] / "tests" / "clinical"
TEST_TOOLS = {"pytest", "hypothesis"}
TEST_HELPERS = ("tests.clinical", "tests.shared_data")  # shared_data: paths under ../shared


def test_the_cores_tests_need_neither_django_nor_the_apps():
    """So they run on their own, quickly (``pytest tests/clinical``; Django is not needed
    for them at all: ``-p no:django`` works too). A test of an app's words or pages against
    the core lives with that app."""
    offenders = []
    for path in CORE_TESTS.rglob("*.py"):
        for name in imports_of(path):
            top = name.split(".")[0]
            if top == "painwise":
                allowed = name.startswith("painwise.clinical")
            elif top == "tests":
                allowed = name.startswith(TEST_HELPERS)
            else:
                allowed = top in sys.stdlib_module_names | ALLOWED_THIRD_PARTY | TEST_TOOLS
            if not allowed:
                offenders.append(f"{path.relative_to(CORE_TESTS)}: {name}")
    assert offenders == []


def test_the_guard_itself_catches_django(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport os\n")
    assert imports_of(bad) == ["django.db", "os"]
    assert "django" not in sys.stdlib_module_names


def test_no_function_in_the_core_is_longer_than_a_screen():
    """The engines are written as named steps: no function in the core over 60 lines."""
    long = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    long.append(f"{path.relative_to(CORE)}:{node.lineno} {node.name} ({length})")
    assert long == []
