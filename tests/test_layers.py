"""The folders are the layers: only app/ and ui/ import Qt, no package imports one ranked above it (core < config <
content < visit < stats < staff, remote, fleet < ui < app), no package imports itself through its __init__, and no
module imports in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
PURE_LAYERS = ("core", "config", "content", "visit", "staff", "stats", "fleet", "remote", "deploy")
# Each layer may import only layers of a lower rank (and itself). Siblings of one rank stay apart.
RANK = {
    "core": 0,
    "config": 1,
    "content": 2,
    "visit": 3,
    "stats": 4,
    "staff": 5,
    "remote": 5,
    "fleet": 5,
    "deploy": 5,  # the installer: standard library and core only, so it runs from the wheel
    "ui": 6,
    "app": 7,
    "cli": 8,
    "__main__": 9,
    "kiosk": -1,  # the package's own __init__, imported implicitly by every module
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (a lazy import is still a dependency)."""
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in (*PURE_LAYERS, "app", "ui")) else parts[-1]


def test_every_module_sits_in_a_layer_folder() -> None:
    """Only the entry points stay at the top of the package; everything else is in a layer's folder."""
    top = sorted(m for m in MODULES if m.count(".") == 1 and m.split(".")[1] not in (*PURE_LAYERS, "app", "ui"))
    assert top == ["kiosk.__main__", "kiosk.cli"]


def upward_imports(module: str, imports: set[str]) -> list[str]:
    """The kiosk modules `module` imports from a layer ranked at or above its own (other than its own layer)."""
    own = layer(module)
    return sorted(name for name in imports if name in MODULES and layer(name) != own and RANK[layer(name)] >= RANK[own])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_layer_imports_upward(module: str) -> None:
    """A module imports only from layers ranked below its own: core < config < content < visit < stats <
    staff, remote, fleet < ui < app < cli."""
    assert not upward_imports(module, MODULES[module]), f"{module} imports {upward_imports(module, MODULES[module])}"


def test_the_rank_check_refuses_an_upward_import() -> None:
    """The checker itself: core importing content, and stats importing staff, are refused; the reverse is allowed."""
    assert upward_imports("kiosk.core.files", {"kiosk.content.model"}) == ["kiosk.content.model"]
    assert upward_imports("kiosk.stats.store", {"kiosk.staff.pin"}) == ["kiosk.staff.pin"]
    assert upward_imports("kiosk.staff.pin", {"kiosk.remote.status"}) == ["kiosk.remote.status"]  # siblings
    assert upward_imports("kiosk.content.model", {"kiosk.core.files"}) == []


def self_imports(module: str, imports: set[str]) -> list[str]:
    """Names imported from the module's own package's __init__ (`from kiosk.p import sibling` inside kiosk.p)."""
    package = module.rsplit(".", 1)[0]
    return sorted(name for name in imports if name == package and package != "kiosk")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.count(".") >= 2))
def test_no_module_imports_its_own_package(module: str) -> None:
    """A module inside a package imports its siblings by their own names, never through the package's __init__
    (which may import the module back: a cycle Python resolves only by luck of order)."""
    if (PACKAGE / Path(*module.split(".")[1:]) / "__init__.py").exists():
        return  # a package's __init__ speaks for the package
    found = self_imports(module, MODULES[module])
    assert not found, f"{module} imports its own package {found}"


def test_the_self_import_check_refuses_one() -> None:
    """The checker itself: `from kiosk.content.advice import actions` inside kiosk.content.advice.engine is refused."""
    found = {"kiosk.content.advice", "kiosk.content.advice.actions"}
    assert self_imports("kiosk.content.advice.engine", found) == ["kiosk.content.advice"]
    assert self_imports("kiosk.content.advice.engine", {"kiosk.content.advice.actions"}) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) in PURE_LAYERS))
def test_pure_layers_never_import_qt_or_the_qt_layers(module: str) -> None:
    """core, config, content, staff, stats, fleet and remote import neither PySide6 nor app/ nor ui/."""
    qt_or_above = ("PySide6", "kiosk.app", "kiosk.ui", "kiosk.cli")
    bad = sorted(name for name in MODULES[module] if name.startswith(qt_or_above))
    assert not bad, f"{module} imports {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "ui"))
def test_widgets_never_import_the_wiring(module: str) -> None:
    """ui/ draws and emits signals: it never reaches into app/ (the wiring) or the command line."""
    bad = sorted(name for name in MODULES[module] if name.startswith(("kiosk.app", "kiosk.cli")))
    assert not bad, f"{module} imports {bad}"


def test_no_import_cycle() -> None:
    """The import graph between the kiosk's modules has no cycle (lazy imports included)."""
    graph = {m: {n for n in deps if n in MODULES and n != m} for m, deps in MODULES.items()}
    for module in graph:  # a package imports its __init__ implicitly; not a dependency of its own
        graph[module] = {n for n in graph[module] if not module.startswith(n + ".")}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
