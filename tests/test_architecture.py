"""The house stays so: imports run downward only, and no two files import each other in a circle.

The layers, bottom to top (README, "Architecture"). A module may import its own layer and the layers
below it; a lower layer that must reach a higher one calls a hook the higher app registers at start-up
(imports.registry, units.selectors.register_subtree_counter, units.services.register_merge_handler).
Every top-level package of the project must have a place here, so a new app has to be placed."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYERS = [
    "vietnamese",  # kernel: Vietnamese text, formats, template filters, middleware
    "spreadsheets",  # the spreadsheet engine: reading within limits, headers, widgets, bulk writes
    "jobs",  # background jobs with progress (django-tasks): knows no domain
    "units",  # the tree of party units, roles and scopes
    "accounts",  # login's second factor, password change, lock-out keys (knows units' roles)
    "audit",  # the append-only access log of personal data; the apps above record into it
    "imports",  # the import workflow: records, upload / preview / confirm, commands, the registry
    "candidates",  # people and their pipeline
    "quotas",  # targets and progress
    "reports",  # report builders and renderers
    "reminders",  # daily digest e-mails and calendar feeds of the deadlines (above candidates)
    "recruitment",  # the project package: settings, urls, home page, seed_demo
    "scripts",  # benchmarks, on top of everything
]
SKIP_PARTS = {"tests", "migrations", ".venv", "var", "node_modules", "static", "templates", "locale", "deploy"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if set(rel.parts) & SKIP_PARTS or rel.name.startswith("test_") or rel.name == "conftest.py":
            continue
        if len(rel.parts) == 1:  # manage.py and the like
            continue
        name = ".".join(rel.with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules that `name` imports, anywhere in the file (functions included)."""
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = name.split(".")
                base = parts[: len(parts) - node.level + (1 if is_package else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            candidates = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for candidate in candidates:
            # `import a.b.c` depends on a.b.c; an attribute of a module depends on that module.
            while candidate and candidate not in modules:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                targets.add(candidate)
    return targets


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def test_every_package_has_a_layer():
    packages = {name.split(".")[0] for name in _modules()}
    assert packages - set(LAYERS) == set(), "add the new package to LAYERS (and the README) where it belongs"


def test_imports_run_downward_only():
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    upward = [
        f"{source} -> {target}"
        for source, targets in _graph().items()
        for target in targets
        if rank.get(target.split(".")[0], -1) > rank.get(source.split(".")[0], -1)
    ]
    assert upward == []


def test_the_kernel_and_the_engine_know_no_app():
    graph = _graph()
    kernel = {t for s, ts in graph.items() if s.startswith("vietnamese") for t in ts}
    engine = {t for s, ts in graph.items() if s.startswith("spreadsheets") for t in ts}
    assert {t.split(".")[0] for t in kernel} <= {"vietnamese"}
    assert {t.split(".")[0] for t in engine} <= {"spreadsheets", "vietnamese"}


def test_units_and_the_import_workflow_stay_low():
    graph = _graph()
    units = {t.split(".")[0] for s, ts in graph.items() if s.split(".")[0] == "units" for t in ts}
    workflow = {t.split(".")[0] for s, ts in graph.items() if s.split(".")[0] == "imports" for t in ts}
    assert units <= {"units", "spreadsheets", "vietnamese"}
    assert workflow <= {"imports", "units", "jobs", "spreadsheets", "vietnamese"}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        result.append(sorted(component))
    return result


def test_no_circle_between_files():
    assert _cycles(_graph()) == []


def test_the_checker_finds_a_circle_and_an_upward_import():
    """The checks above can fail: a made-up graph with a circle and an upward edge is caught."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    modules = _modules()
    assert "candidates.services.base" in modules and "units.models" in modules
    assert "units.models" in _imports("candidates.services.base", modules["candidates.services.base"], modules)


def test_no_file_too_long_to_read():
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in _modules().values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert too_long == {}
