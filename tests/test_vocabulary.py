"""The rules that keep one vocabulary and a library free of the web: checked on the source itself.

Every status label and colour is defined once in planwatch.plan.vocabulary; a copy anywhere else
drifts. The library's packages depend on each other in one direction only (evaluate on the plan
package alone), none of them on Django, and no planwatch modules import each other in a circle.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from planwatch.plan.vocabulary import STATUS_COLOURS, STATUS_EN, STATUS_ZH, STATUSES

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "planwatch"
VOCABULARY = PACKAGE / "plan" / "vocabulary.py"
LIBRARY = ("plan", "ingest", "evaluate", "report")
# Files a person reads; .po/.mo translation catalogues are meant to hold every label again.
SCANNED = (".py", ".html", ".css", ".js")


# --- imports -------------------------------------------------------------------------------------


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, module: str) -> Iterator[tuple[str, bool]]:
    """Every module `path` imports, with whether it does so when loaded, not inside a function.

    An import for type hints alone (under TYPE_CHECKING) counts: the two modules still need each other.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    lazy = {
        id(n)
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        for n in ast.walk(f)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, id(node) not in lazy) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).strip(".")
            yield base, id(node) not in lazy
            yield from ((f"{base}.{alias.name}", id(node) not in lazy) for alias in node.names)


def _graph(loaded_only: bool) -> dict[str, set[str]]:
    """planwatch module -> the planwatch modules it imports (a name imported from a module counts as it)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {name for name, loaded in _imports(path, module) if loaded or not loaded_only}
        graph[module] = {name for name in targets if name in modules and name != module}
    return graph


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _outside(package: str, allowed: tuple[str, ...]) -> list[str]:
    """The imports of planwatch modules by `package` that are not of `allowed` packages."""
    return sorted(
        f"{module} imports {target}"
        for module, targets in _graph(loaded_only=False).items()
        if _under(module, package)
        for target in targets
        if not any(_under(target, a) for a in allowed)
    )


def test_plan_imports_nothing_else_of_planwatch() -> None:
    assert _outside("planwatch.plan", ("planwatch.plan",)) == []


def test_evaluate_depends_on_the_plan_package_alone() -> None:
    assert _outside("planwatch.evaluate", ("planwatch.plan", "planwatch.evaluate")) == []


@pytest.mark.parametrize("package", LIBRARY)
def test_library_imports_no_django(package: str) -> None:
    found = sorted(
        f"{_module(path)} imports {name}"
        for path in (PACKAGE / package).rglob("*.py")
        for name, _ in _imports(path, _module(path))
        if name.split(".")[0] in ("django", "ninja")
    )
    assert found == []


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of imports, as the modules in order; [] when there is none."""
    state: dict[str, int] = {}  # 1 while a module's imports are being followed, 2 when done
    trail: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        trail.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[module] = 2
        trail.pop()
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return []


def test_no_import_cycles() -> None:
    """A package imports its own modules from its __init__ (planwatch.report does): that is no circle."""
    graph = {
        module: {t for t in targets if not _under(module, t)}
        for module, targets in _graph(loaded_only=True).items()
    }
    assert _cycle(graph) == []


def test_a_planted_cycle_is_found() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]


# --- status labels and colours, once ------------------------------------------------------------

# 滞后 and lagging are plain words a sentence uses (进度滞后); the other labels are only ever labels.
LABELS = [label for s in STATUSES if s != "lagging" for label in (STATUS_ZH[s], STATUS_EN[s])]
_CSS_NAMES = {f"--{status.replace('_', '-')}": status for status in STATUSES}
_CSS_DEFINITION = re.compile(r"(--[a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})\b")


def _label_pattern(label: str) -> re.Pattern[str]:
    if label.isascii():
        return re.compile(rf"(?<![\w-]){re.escape(label)}(?![\w-])", re.IGNORECASE)
    return re.compile(re.escape(label))


_PATTERNS = [(label, _label_pattern(label)) for label in LABELS] + [
    (colour, re.compile(rf"(?<![0-9a-f])(?:ff)?{colour.lstrip('#')}(?![0-9a-f])", re.IGNORECASE))
    for colour in STATUS_COLOURS.values()
]


def _python_texts(path: Path) -> Iterator[tuple[int, str]]:
    """The string literals of a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def _texts(path: Path) -> Iterator[tuple[int, str]]:
    """What a file says, line by line; a stylesheet's status custom properties are checked below."""
    if path.suffix == ".py":
        yield from _python_texts(path)
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if path.suffix == ".css":
            line = _CSS_DEFINITION.sub(lambda m: "" if m[1] in _CSS_NAMES else m[0], line)
        yield number, line


def copies(root: Path) -> list[str]:
    """Every status label or colour written under `root` outside the vocabulary."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in SCANNED or path == VOCABULARY or "node_modules" in path.parts:
            continue
        for number, text in _texts(path):
            found += [f"{path}:{number}: {word}" for word, pattern in _PATTERNS if pattern.search(text)]
    return found


def test_status_labels_and_colours_are_written_once() -> None:
    found = copies(SRC)
    assert not found, "import these from planwatch.plan.vocabulary:\n" + "\n".join(found)


def test_a_planted_copy_is_found(tmp_path: Path) -> None:
    (tmp_path / "page.py").write_text('"""严重滞后 in a docstring is prose."""\nLABEL = "严重滞后"\n')
    (tmp_path / "page.html").write_text("<td>Not assessable</td>\n<td>not_assessable</td>\n")
    (tmp_path / "page.css").write_text(":root { --lagging: #e8590c; }\n.late { color: #E8590C; }\n")
    (tmp_path / "sheet.py").write_text('FILL = "FF0B6E4F"\n')
    assert [line.split(f"{tmp_path}/")[1] for line in copies(tmp_path)] == [
        "page.css:2: #e8590c",
        "page.html:1: not assessable",
        "page.py:2: 严重滞后",
        "sheet.py:1: #0b6e4f",
    ]


def _stylesheets() -> dict[Path, dict[str, str]]:
    """Each server stylesheet that defines status custom properties, with what it defines."""
    sheets = {}
    for path in sorted((PACKAGE / "server").rglob("*.css")):
        defined = {
            m[1]: m[2].lower()
            for m in _CSS_DEFINITION.finditer(path.read_text(encoding="utf-8"))
            if m[1] in _CSS_NAMES
        }
        if defined:
            sheets[path] = defined
    return sheets


def test_the_pages_status_colours_are_the_vocabularys() -> None:
    sheets = _stylesheets()
    assert sheets, "no stylesheet under server/ defines --achieved … --not-assessable"
    wanted = {name: STATUS_COLOURS[status] for name, status in _CSS_NAMES.items()}
    for path, defined in sheets.items():
        assert defined == wanted, path
