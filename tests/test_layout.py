"""The layout's rules, checked on the source: imports run one way, and Faust's privates stay
in the runtime that works around them (README, Development)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGES = ("streams", "agents")
#: below the stages: nothing here may know the thinking stages
BELOW_STAGES = ("streams/core/", "streams/kafka/", "streams/ingest/")
#: Faust, mode and aiokafka private attributes the runtime works around (see each module's docstring)
PRIVATES = ("_add_gap", "_acked", "_committed_offset", "_new_offset", "_gap", "_on_stream_event_out",
            "_on_message_out", "__wrapped__", "_metadata", "_ensure_producer", "_new_consumer", "_new_producer",
            "_settings_extra")


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            name = ".".join(rel.parts)
            out[name.removesuffix(".__init__")] = path
    return out


MODULES = modules()


def project_targets(module: str, node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        assert isinstance(node, ast.ImportFrom)
        base = node.module or ""
        if node.level:
            parts = module.split(".")
            is_pkg = MODULES[module].name == "__init__.py"
            parts = parts if is_pkg else parts[:-1]
            base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
        names = [f"{base}.{a.name}" for a in node.names] + [base]
    out = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module:
            out.append(name)
    return out


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges[module].update(project_targets(module, node))
    return edges


def test_no_import_circle_between_files():
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(edges[m]):
            if state.get(n) == 1:
                pytest.fail("import circle: " + " -> ".join(stack[stack.index(n):] + [n]))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)


def test_no_project_import_inside_a_function_outside_the_cli():
    found = []
    for module, path in MODULES.items():
        if module.startswith("streams.cli"):
            continue  # lazy imports keep `watchfloor --help` fast
        for fn in ast.walk(ast.parse(path.read_text())):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)) and project_targets(module, node):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


def test_nothing_below_the_stages_imports_agents():
    edges = graph()
    wrong = [(m, sorted(t for t in edges[m] if t.startswith("agents")))
             for m, path in MODULES.items() if str(path.relative_to(ROOT)).startswith(BELOW_STAGES)]
    assert not [w for w in wrong if w[1]], wrong


def test_faust_privates_are_used_only_in_the_kafka_runtime():
    pattern = re.compile(r"\.(" + "|".join(re.escape(p) for p in PRIVATES) + r")\b")
    outside = [f"{path.relative_to(ROOT)}: {m.group(1)}" for path in MODULES.values()
               if "streams/kafka/" not in str(path) for m in pattern.finditer(path.read_text())]
    assert not outside, outside
