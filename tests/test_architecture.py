"""The shape of the package, checked: imports flow one way, modules and functions stay small, each module says
what it exports."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest
from radon.complexity import cc_visit
from radon.visitors import Function

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
MAX_LINES = 400
MAX_COMPLEXITY = 25  # radon's cyclomatic complexity of one function


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imported(module: str, path: Path) -> set[str]:
    """The kg modules a module imports, wherever the import stands (a function-level import is a dependency
    too), except under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names}
    return {m for m in found if m in MODULES and m != module}


def test_no_import_cycle_between_modules():
    graph = nx.DiGraph((m, t) for m, path in MODULES.items() for t in _imported(m, path))
    cycles = [" -> ".join([*c, c[0]]) for c in nx.simple_cycles(graph)]
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_small_and_declares_its_exports(module):
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE.parent)}: {lines} lines; split it (at most {MAX_LINES})"
    if path.name != "__main__.py":
        assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(PACKAGE.parent)}: no docstring"
    if path.name not in {"__init__.py", "__main__.py"}:
        assert "__all__" in text, f"{path.relative_to(PACKAGE.parent)}: no __all__"


def test_no_function_is_too_complex():
    complex_ = [
        f"{path.relative_to(PACKAGE.parent)}:{block.lineno} {block.name} ({block.complexity})"
        for path in MODULES.values()
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if isinstance(block, Function) and block.complexity > MAX_COMPLEXITY
    ]
    assert not complex_, f"cyclomatic complexity over {MAX_COMPLEXITY}:\n" + "\n".join(complex_)
