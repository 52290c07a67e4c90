#!/usr/bin/env python3
"""`make new-context NAME=returns [AGGREGATE=Return]`: a new bounded context, every layer.

The files come from `scripts/context_template/`, which mirrors the repository: a context
named `widgets` whose aggregate is `Widget`. Each file is copied with those names replaced
(`widgets`, `Widgets`, `WIDGETS`; `widget`, `Widget`, `WIDGET`; the URL's `/api/v1/widgets`),
its migration numbered after the head, and the Python formatted with the project's ruff. A
bare `widget` in Python (a module, a variable) becomes `return_` where the aggregate's name is
a keyword. The one change to an existing file is the context's name added to
`src/entrypoints/contexts/all.py`. `make test` generates a context from the template and runs
its checks and tests (`tests/integration/test_new_context.py`), so the template cannot rot.

Exit status: 0 and the files written; 1 and one line when the name is malformed or taken
(nothing is written); 2 on a usage error.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import keyword
import re
import subprocess
import sys
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from adapters.postgres.revisions import head_of

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "context_template"
CONTEXTS_LIST = Path("src/entrypoints/contexts/all.py")
VERSIONS = Path("src/adapters/postgres/migrations/versions")
MIGRATION = "NEXT_widgets.py"

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
TOKENS = re.compile(r"/api/v1/widgets|\bwidget\.py|WIDGETS|Widgets|widgets|WIDGET|Widget|widget")
# Repository attributes every unit of work has already (the shared kernel's).
KERNEL_ATTRIBUTES = {"idempotency", "inbox", "outbox"}


class RefusedError(Exception):
    """The name cannot be used; the message says why, in one line."""


@dataclass(frozen=True)
class Names:
    context: str  # returns
    aggregate: str  # Return

    @property
    def replacements(self) -> dict[str, str]:
        singular = snake_case(self.aggregate)
        return {
            "/api/v1/widgets": f"/api/v1/{self.context.replace('_', '-')}",
            "widget.py": f"{self.module}.py",  # the aggregate's module, named in the docs
            "WIDGETS": self.context.upper(),
            "Widgets": pascal_case(self.context),
            "widgets": self.context,
            "WIDGET": singular.upper(),
            "Widget": self.aggregate,
            "widget": singular,
        }

    @property
    def module(self) -> str:
        """The aggregate's name where Python needs an identifier of its own."""
        singular = snake_case(self.aggregate)
        return f"{singular}_" if keyword.iskeyword(singular) else singular


def snake_case(pascal: str) -> str:
    words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", pascal)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", words).lower()


def pascal_case(snake: str) -> str:
    return "".join(word.capitalize() for word in snake.split("_"))


def singular(word: str) -> str:
    """English plurals of the regular kinds: returns → return, categories → category."""
    for plural, one in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss")):
        if word.endswith(plural):
            return word.removesuffix(plural) + one
    if word.endswith(("xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def names_of(context: str, aggregate: str | None) -> Names:
    if not SNAKE.fullmatch(context):
        raise RefusedError(f"NAME must be snake_case (like stock_moves), not {context!r}")
    if keyword.iskeyword(context):
        raise RefusedError(f"NAME {context!r} is a Python keyword")
    aggregate = aggregate or pascal_case(singular(context))
    if not PASCAL.fullmatch(aggregate):
        raise RefusedError(f"AGGREGATE must be PascalCase (like StockMove), not {aggregate!r}")
    if snake_case(aggregate) == context:
        raise RefusedError(
            f"the aggregate needs a name other than the context's: "
            f"make new-context NAME={context} AGGREGATE=<its singular, in PascalCase>"
        )
    return Names(context, aggregate)


def template_files() -> list[Path]:
    return sorted(
        path.relative_to(TEMPLATE)
        for path in TEMPLATE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def target_of(template: Path, names: Names, revision: str) -> Path:
    if template.name == MIGRATION:
        return template.with_name(f"{revision}_{names.context}.py")
    return Path(*(substituted(part, names) for part in template.parts))


def substituted(text: str, names: Names, bare: frozenset[int] = frozenset()) -> str:
    """Every token replaced; at the offsets in `bare` (a lone `widget` name in Python), the
    aggregate's name as an identifier."""
    replacements = names.replacements

    def replace(match: re.Match[str]) -> str:
        if match.start() in bare:
            return names.module
        return replacements[match.group()]

    return TOKENS.sub(replace, text)


def bare_names(source: str) -> frozenset[int]:
    """Offsets of the Python names that are exactly `widget` (modules, variables, fixtures)."""
    starts = [0]
    for line in io.StringIO(source):
        starts.append(starts[-1] + len(line))
    return frozenset(
        starts[token.start[0] - 1] + token.start[1]
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.NAME and token.string == "widget"
    )


def template_identifiers() -> set[str]:
    """The names the generated Python uses besides the context's own: a context or aggregate
    named like one of them (`page`, `status`, `Caller`) would shadow it."""
    names: set[str] = set()
    for template in template_files():
        if template.suffix == ".py":
            source = (TEMPLATE / template).read_text()
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type == tokenize.NAME and not TOKENS.search(token.string):
                    names.add(token.string)
    return names - set(keyword.kwlist)


def head_revision(root: Path) -> str:
    """The head of the tree's migrations, as the readiness probe finds it (`revisions.py`)."""
    try:
        return head_of(path.read_text() for path in (root / VERSIONS).glob("*.py"))
    except RuntimeError as error:
        raise RefusedError(f"{VERSIONS}: {error}") from error


# What the service has, read from its source rather than imported: importing the service
# takes seconds, and `make test` runs this script.


def parsed(paths: Iterable[Path]) -> Iterator[ast.AST]:
    for path in paths:
        yield from ast.walk(ast.parse(path.read_text()))


def tables(root: Path) -> set[str]:
    """The names given to `Table(...)` in the PostgreSQL adapters."""
    return {
        node.args[0].value
        for node in parsed((root / "src/adapters/postgres").rglob("*.py"))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Table"
        if node.args and isinstance(node.args[0], ast.Constant)
    }


def repositories(root: Path) -> set[str]:
    """The repository names the contexts' declarations give the unit of work."""
    return {
        key.value
        for node in parsed((root / CONTEXTS_LIST).parent.glob("*.py"))
        if isinstance(node, ast.keyword) and node.arg in {"postgres", "memory"}
        if isinstance(node.value, ast.Dict)
        for key in node.value.keys
        if isinstance(key, ast.Constant)
    }


def events(root: Path) -> set[str]:
    """The classes of the contexts' event modules."""
    return {
        node.name
        for node in parsed((root / "src/domain").glob("*/events.py"))
        if isinstance(node, ast.ClassDef)
    }


def refuse_taken(names: Names, root: Path, targets: list[Path]) -> None:
    """Nothing of the new context may exist already, nor shadow what the service has."""
    own = {names.context, names.module}
    packages = {parent for path in targets for parent in path.parents if parent.name in own}
    for path in sorted({*targets, *packages}):
        for taken in (path, path.with_suffix(""), path.with_suffix(".py")):
            if (root / taken).exists():
                raise RefusedError(f"{names.context!r} is taken: {taken} exists")
    used = template_identifiers()
    for name in (names.context, names.module, names.aggregate, pascal_case(names.context)):
        if name in used:
            raise RefusedError(f"{name!r} would shadow a name the generated code uses")
    if names.context in tables(root):
        raise RefusedError(f"a table named {names.context!r} exists already")
    if names.context in repositories(root) | KERNEL_ATTRIBUTES:
        raise RefusedError(f"the unit of work has a {names.context!r} already")
    for event in (f"{names.aggregate}Created", f"{names.aggregate}Closed"):
        if event in events(root):
            raise RefusedError(f"an event named {event} exists already")
    document = json.loads((root / "docs/openapi.json").read_text())
    prefix = names.replacements["/api/v1/widgets"]
    if any(path == prefix or path.startswith(f"{prefix}/") for path in document["paths"]):
        raise RefusedError(f"the API serves {prefix} already")
    schemas = {f"{names.aggregate}{kind}" for kind in ("View", "Create", "Page", "Status")}
    if taken_schemas := sorted(schemas & set(document["components"]["schemas"])):
        raise RefusedError(f"the OpenAPI document has {', '.join(taken_schemas)} already")


def declared_with(root: Path, context: str) -> tuple[str, str]:
    """`all.py` with the context's name added at the end of its list, and the line added."""
    source = (root / CONTEXTS_LIST).read_text()
    listing = re.search(r"^CONTEXTS = declared\(\n((?:    \"\w+\",\n)+)\)$", source, re.MULTILINE)
    if listing is None:
        raise RefusedError(f"{CONTEXTS_LIST} does not list one quoted name a line")
    line = f'    "{context}",'
    return source[: listing.end(1)] + line + "\n" + source[listing.end(1) :], line


@dataclass(frozen=True)
class Plan:
    """What `generate` writes: checked, nothing written yet."""

    names: Names
    head: str
    revision: str
    files: dict[Path, Path]
    """Each template file's target."""
    declaration: str
    """`all.py` with the context added."""
    declared: str
    """The line added to it."""


def plan(context: str, aggregate: str | None = None, root: Path = ROOT) -> Plan:
    """Refuses a malformed or taken name (`RefusedError`); reads, never writes."""
    if (root / CONTEXTS_LIST.with_name(f"{context}.py")).exists():
        raise RefusedError(f"context {context!r} exists already")
    names = names_of(context, aggregate)
    head = head_revision(root)
    revision = f"{int(head) + 1:04}"
    files = {template: target_of(template, names, revision) for template in template_files()}
    declaration, line = declared_with(root, names.context)
    refuse_taken(names, root, list(files.values()))
    return Plan(names, head, revision, files, declaration, line)


def generate(plan: Plan, root: Path = ROOT) -> None:
    """Writes the context's files under `root` and declares it in `all.py`."""
    for template, target in plan.files.items():
        source = (TEMPLATE / template).read_text()
        bare = bare_names(source) if template.suffix == ".py" else frozenset()
        text = substituted(source, plan.names, bare)
        if template.name == MIGRATION:
            text = re.sub(r"\bNEXT\b", plan.revision, re.sub(r"\bHEAD\b", plan.head, text))
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_text(text)
    _format(root, [root / target for target in plan.files.values() if target.suffix == ".py"])
    (root / CONTEXTS_LIST).write_text(plan.declaration)


def _format(root: Path, paths: list[Path]) -> None:
    """The names' lengths move line breaks and the order of imports: the project's ruff
    settles both, so the files pass `make lint` as written."""
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(root / "pyproject.toml"), "--quiet", "--no-cache"]
    files = [str(path) for path in paths]
    subprocess.run([*ruff, "check", "--fix", "--select", "I", *config, *files], check=True)  # noqa: S603
    subprocess.run([*ruff, "format", *config, *files], check=True)  # noqa: S603


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the context's name, snake_case and plural: returns")
    parser.add_argument("--aggregate", help="its aggregate, PascalCase (default: NAME's singular)")
    arguments = parser.parse_args(argv)
    try:
        checked = plan(arguments.name, arguments.aggregate or None)
    except RefusedError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    generate(checked)
    for path in checked.files.values():
        sys.stdout.write(f"wrote {path}\n")
    sys.stdout.write(f"added to {CONTEXTS_LIST}: {checked.declared.strip()}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
