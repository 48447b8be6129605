"""The folders are the layers: only app/ and ui/ import Qt, ui/ never imports app/, and no module imports in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
PURE_LAYERS = ("core", "config", "content", "staff", "stats", "fleet", "remote", "deploy")


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
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in PURE_LAYERS + ("app", "ui")) else parts[-1]


def test_every_module_sits_in_a_layer_folder() -> None:
    """Only the entry points stay at the top of the package; everything else is in a layer's folder."""
    top = sorted(m for m in MODULES if m.count(".") == 1 and m.split(".")[1] not in PURE_LAYERS + ("app", "ui"))
    assert top == ["kiosk.__main__", "kiosk.cli"]


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
                cycle = path[path.index(target) :] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
