"""The shape of the code, checked: no reach-ins to another module's private names, small
modules, the evaluation suite apart from the research scripts, one-way imports."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGES = ("rag", "ui", "eval", "research", "tests")
THIRD_PARTY = "# third-party private"  # a library's own private field, no public way to it


def python_files(*roots: str) -> list[Path]:
    return sorted(p for root in roots for p in (REPO / root).rglob("*.py") if ".venv" not in p.parts)


def private_uses(path: Path) -> list[str]:
    """``from x import _name`` and ``obj._name`` where obj is not self or cls (dunders allowed)."""
    source = path.read_text()
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.Attribute) and not (
            isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
        ):
            names = [node.attr]
        for name in names:
            if name.startswith("_") and not name.startswith("__") and THIRD_PARTY not in lines[node.lineno - 1]:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {name}")
    return found


def test_no_module_uses_another_modules_private_names():
    found = [use for path in python_files(*PACKAGES) for use in private_uses(path)]
    assert found == []


def test_the_check_finds_a_reach_in(tmp_path, monkeypatch):
    """The check itself can fail: an import of a private name and an attribute reach-in are both
    found; self/cls attributes, dunders and marked third-party fields are not."""
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from rag.x import _hidden, shown\n"
        "def f(p):\n"
        "    return p._secret + self._mine + p.__dict__\n"
        "def g(m):\n"
        "    return m._model  " + THIRD_PARTY + ": llama-cpp\n"
    )
    assert private_uses(probe) == ["probe.py:1: _hidden", "probe.py:3: _secret"]


def test_modules_stay_small():
    sizes = {str(p.relative_to(REPO)): len(p.read_text().splitlines()) for p in python_files("rag", "ui", "eval")}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
    assert sum(n for name, n in sizes.items() if name.startswith("eval/")) < 1300


def imports_of(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("rag", {"ui", "eval", "research", "tests"}),
        ("ui", {"eval", "research", "tests"}),
        ("eval", {"research", "tests"}),
    ],
)
def test_imports_flow_one_way(package, forbidden):
    allowed_lazy = {"rag/cli.py": {"ui", "eval"}}  # the CLI starts the web app and the evaluation
    bad = {}
    for path in python_files(package):
        name = str(path.relative_to(REPO))
        wrong = (imports_of(path) & forbidden) - allowed_lazy.get(name, set())
        if wrong:
            bad[name] = sorted(wrong)
    assert bad == {}


def test_research_is_not_installed_and_tests_import_no_other_test():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "research" not in config["tool"]["setuptools"]["packages"]
    for path in python_files("tests"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests.test_"):
                pytest.fail(f"{path.name} imports the test module {node.module}")


def test_every_research_script_imports():
    """The experiments use only public names of rag/ and eval/, so each still imports."""
    import importlib

    names = sorted(p.stem for p in (REPO / "research").glob("*.py") if p.stem != "__init__")
    assert len(names) >= 9
    for name in names:
        module = importlib.import_module(f"research.{name}")
        assert callable(getattr(module, "main", None)), name


GUARANTEE_SECTIONS = (
    "Nothing lost",
    "Damage from outside",
    "Bad input, fuzzed",
    "Hostile corpus text",
    "The web server",
    "Server faults",
)


def test_every_reliability_row_names_tests_that_exist():
    """docs/RELIABILITY.md: each guarantee row names a test, and every test it names is defined."""
    import re

    page = (REPO / "docs" / "RELIABILITY.md").read_text()
    defined = {m for p in python_files("tests") for m in re.findall(r"^def (test_\w+)", p.read_text(), re.M)}
    modules = {p.stem for p in python_files("tests")}
    named = set(re.findall(r"\b(test_\w+)", page)) - modules  # module names (tests/test_x.py) aside
    assert named and not named - defined, sorted(named - defined)
    for section in re.split(r"^## ", page, flags=re.M)[1:]:
        title, _, body = section.partition("\n")
        if title.strip() not in GUARANTEE_SECTIONS:
            continue
        rows = [line for line in body.splitlines() if line.startswith("|") and not line.startswith("|---")][1:]
        assert rows, title
        assert all("test_" in row for row in rows), [row[:80] for row in rows if "test_" not in row]
