"""Dependencies run one way: no import cycle between HandCare's modules, or between its apps.

Every import counts, including those inside functions (an import moved into a method to dodge a
cycle is still a cycle). The review app sits at the bottom: content apps depend on it, never
the reverse.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("handcare", "home", "techniques")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or "management" in path.parts:
                continue
            modules[module_name(path)] = path
    return modules


def imported_names(path, name):
    """Absolute names of everything a module imports, anywhere in it."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = node.module
            for alias in node.names:
                yield f"{prefix}.{alias.name}"
            yield prefix


def resolve(name, modules):
    """The project module an imported name lives in (the longest matching module), or None."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def graph(modules, group=lambda name: name):
    edges = {group(name): set() for name in modules}
    for name, path in modules.items():
        for imported in imported_names(path, name):
            target = resolve(imported, modules)
            if target and group(target) != group(name):
                edges[group(name)].add(group(target))
    return edges


def find_cycle(edges):
    """One cycle in the graph as a list of nodes, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def app_of(name):
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] == "handcare" and len(parts) > 1 else parts[0]


def test_the_module_graph_has_no_cycle():
    cycle = find_cycle(graph(project_modules()))
    assert cycle is None, " -> ".join(cycle)


def test_the_app_graph_has_no_cycle():
    cycle = find_cycle(graph(project_modules(), group=app_of))
    assert cycle is None, " -> ".join(cycle)


def test_the_review_app_imports_no_content_app():
    edges = graph(project_modules(), group=app_of)
    content_apps = {
        "handcare.articles",
        "handcare.people",
        "handcare.references",
        "handcare.reflexology",
        "home",
        "techniques",
    }
    assert edges["handcare.editorial"] & content_apps == set()


def test_the_checker_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
