#!/usr/bin/env python3
"""Check that the project's dependencies point one way (run by ``make test``).

Reads every module of ``briefings/`` and ``taxonomy/`` (migrations aside) with ``ast``, imports
inside functions included, and reports:

1. an app importing from an app listed after it in ``PROJECT_APPS`` (``briefings/settings/base.py``:
   lower layers first), or anything importing the site level (settings, urls, wsgi);
2. any import cycle between modules;
3. a pure module (no Django: the importer's parser, the topic matcher and what they use)
   importing anything but the standard library, ``PURE_THIRD_PARTY`` and other pure modules.

Exits 1 with one line per problem, 0 with a summary. ``python scripts/check_layers.py [ROOT]``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGES = ("briefings", "taxonomy")
SITE_LEVEL = ("briefings.settings", "briefings.urls", "briefings.wsgi")
PURE_MODULES = (
    "briefings.core.kinds",
    "briefings.core.text",
    "briefings.importing.parser",
    "taxonomy.names",
    "taxonomy.terms",
    "taxonomy.suggest.matcher",
    "taxonomy.suggest.evaluation",
)
PURE_THIRD_PARTY = ("pycountry",)  # ISO country data, read by the matcher's seed data


def project_apps(root: Path) -> list[str]:
    tree = ast.parse((root / "briefings" / "settings" / "base.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PROJECT_APPS" for t in node.targets
        ):
            return [ast.literal_eval(element) for element in node.value.elts]
    raise SystemExit("PROJECT_APPS not found in briefings/settings/base.py")


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """``(imported module, line)`` for every import in the file, anywhere in it."""
    is_package = path.name == "__init__.py"
    result = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            result += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                # "from . import seo" imports a module; "from .models import Author" a name.
                candidate = f"{module}.{alias.name}"
                result.append((candidate if candidate in known else module, node.lineno))
    return result


def resolve(module: str, known: set[str]) -> str | None:
    """The project module an import refers to (a package's ``__init__`` for a name in it)."""
    while module and module not in known:
        module = module.rpartition(".")[0]
    return module or None


def app_of(module: str, apps: list[str]) -> str | None:
    matches = [app for app in apps if module == app or module.startswith(app + ".")]
    return max(matches, key=len) if matches else None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def check(root: Path, apps: list[str] | None = None, pure: tuple[str, ...] = PURE_MODULES) -> list[str]:
    root = Path(root)
    apps = apps if apps is not None else project_apps(root)
    found = modules(root)
    known = set(found)
    rank = {app: n for n, app in enumerate(apps)}
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    problems, graph = [], {name: set() for name in found}
    for name, path in found.items():
        source_app = app_of(name, apps)
        where = path.relative_to(root)
        for imported, line in imports(name, path, known):
            top = imported.split(".")[0]
            target = resolve(imported, known) if top in PACKAGES else None
            if name in pure:
                if target is not None and target not in pure and target not in PACKAGES:
                    problems.append(f"{where}:{line}: pure module {name} imports {target}, which is not pure")
                elif target is None and top not in stdlib and top not in PURE_THIRD_PARTY:
                    problems.append(f"{where}:{line}: pure module {name} imports {imported}")
            if target is None or target == name:
                continue
            if target in PACKAGES:  # the bare package: nothing in it
                continue
            graph[name].add(target)
            if any(target == site or target.startswith(site + ".") for site in SITE_LEVEL):
                if not any(name == site or name.startswith(site + ".") for site in SITE_LEVEL):
                    problems.append(f"{where}:{line}: {name} imports the site level ({target})")
                continue
            target_app = app_of(target, apps)
            if source_app is None or target_app is None:
                if source_app is not None and target_app is None:
                    problems.append(f"{where}:{line}: {name} imports {target}, which belongs to no app")
                continue
            if rank[target_app] > rank[source_app]:
                problems.append(
                    f"{where}:{line}: wrong-way import: {source_app} ({name}) imports {target_app} ({target})"
                )
    for component in cycles(graph):
        problems.append("import cycle between modules: " + " <-> ".join(component))
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    problems = check(root)
    if problems:
        print("Dependency check failed:", *problems, sep="\n  ")
        return 1
    apps = project_apps(root)
    print(f"Dependencies point one way: {len(modules(root))} modules in {len(apps)} apps, no cycles.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
