"""One direction of dependencies, enforced.

Every module under src/painwise is parsed, and every import is read, those inside functions
too (a function-local import is still a dependency; it only hides it). The packages sit in
layers, from the bottom:

    clinical (the pure core)
    lib (helpers: clock, charts, periodic jobs, errors, reasons)
    accounts, audit, alerts (base apps)
    assessment, tracking, program, ... (area apps, one per part of the program)
    clinic (the clinician's pages over the areas)
    api, web, cli, demo (the edges)

A package may import its own layer or lower ones, never a higher one; no two packages may
import each other, directly or round a longer loop; and no module imports another package's
views (a view imports services, presenters and labels, never another view). CONTRIBUTING.md
says where a new module goes.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "src" / "painwise"

LAYERS: list[tuple[str, set[str]]] = [
    ("core", {"clinical", "painwise"}),  # "painwise" is the root package (its version)
    ("lib", {"lib"}),
    ("base", {"accounts", "audit", "alerts"}),
    ("area", {"assessment", "tracking", "program", "learn", "calm", "gmi", "neurofeedback"}),
    ("records", {"records"}),  # a person's whole record: FHIR, data download, deletion
    ("clinic", {"clinic"}),
    ("edge", {"api", "web", "cli", "demo"}),
]
LAYER_OF = {package: index for index, (_n, packages) in enumerate(LAYERS) for package in packages}


def package_of(module: str) -> str:
    """painwise.tracking.services -> tracking; painwise.cli -> cli; painwise -> painwise."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(source: str, module: str, is_package: bool) -> list[tuple[str, int]]:
    """Every project module ``module`` imports, with the line, wherever the import stands."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # `from painwise import demo` imports the package painwise.demo
            found += [(f"{target}.{a.name}", node.lineno) for a in node.names]
    return [(name, line) for name, line in found if name.split(".")[0] == "painwise"]


def read_tree(root: Path) -> dict[str, tuple[str, bool]]:
    return {
        module_name(path, root): (path.read_text(), path.name == "__init__.py")
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
    }


def problems(tree: dict[str, tuple[str, bool]]) -> list[str]:
    """Everything wrong with the imports of ``tree`` (module name -> (source, is package))."""
    found = []
    edges: dict[str, set[str]] = defaultdict(set)
    known = {package_of(m) for m in tree}
    for module, (source, is_package) in tree.items():
        here = package_of(module)
        seen = set()
        for target, line in imports_in(source, module, is_package):
            there = package_of(target)
            if there not in known or there == here:
                continue
            where = f"{module}:{line} imports {target}"
            if target.split(".")[2:3] == ["views"]:
                found.append(f"{where}: a view of another package (use its services)")
            if (line, there) in seen:
                continue
            seen.add((line, there))
            if there not in LAYER_OF or here not in LAYER_OF:
                found.append(f"{where}: put {here if here not in LAYER_OF else there} in a layer")
                continue
            if LAYER_OF[there] > LAYER_OF[here]:
                found.append(
                    f"{where}: {here} ({LAYERS[LAYER_OF[here]][0]}) may not import "
                    f"{there} ({LAYERS[LAYER_OF[there]][0]}), a higher layer"
                )
            edges[here].add(there)
    found += [f"package import cycle: {' -> '.join(c)}" for c in cycles(edges)]
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one package (Tarjan), each as a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append([*sorted(group), sorted(group)[0]])

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_the_tree_is_read():
    tree = read_tree(ROOT)
    assert {"painwise.clinical.common", "painwise.tracking.services", "painwise.cli"} <= set(tree)


def test_every_import_follows_the_layers_and_no_package_imports_in_a_loop():
    assert problems(read_tree(ROOT)) == []


def test_every_package_has_a_layer():
    packages = {package_of(m) for m in read_tree(ROOT)}
    assert packages - set(LAYER_OF) == set()


# --- the guard itself --------------------------------------------------------------------------


def plant(**modules: str) -> dict[str, tuple[str, bool]]:
    return {name: (source, False) for name, source in modules.items()}


def test_a_planted_upward_import_is_caught():
    tree = plant(
        **{
            "painwise.tracking.services": "def f():\n    from painwise.clinic import views\n",
            "painwise.clinic.views": "",
        }
    )
    found = problems(tree)
    assert any("tracking (area) may not import clinic (clinic)" in p for p in found), found
    assert any("a view of another package" in p for p in found), found


def test_a_planted_loop_between_two_areas_is_caught():
    tree = plant(
        **{
            "painwise.assessment.services": "import painwise.tracking.models\n",
            "painwise.tracking.models": "",
            "painwise.tracking.services": "from painwise.assessment import services\n",
        }
    )
    assert problems(tree) == ["package import cycle: assessment -> tracking -> assessment"]


def test_a_planted_import_from_the_core_to_django_apps_is_caught():
    tree = plant(
        **{"painwise.clinical.x": "from painwise.lib import clock\n", "painwise.lib.clock": ""}
    )
    assert "higher layer" in problems(tree)[0]


@pytest.mark.parametrize(
    ("module", "source", "target"),
    [
        ("painwise.program.views", "from . import services\n", "painwise.program.services"),
        ("painwise.program", "from .labels import X\n", "painwise.program.labels"),
        ("painwise.web.urls", "from painwise import demo\n", "painwise.demo"),
    ],
)
def test_relative_and_package_imports_are_resolved(module, source, target):
    names = [name for name, _line in imports_in(source, module, module == "painwise.program")]
    assert target in names
