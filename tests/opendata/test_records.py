"""The export records: every attribute an exporter reads is a record field, and each format
reads its records with a fixed number of queries.

The field check reads the exporters' source: each function's parameters annotated with a
record type (`project: ProjectRecord`), what is bound from them (`point = project.point`,
`for t in project.transactions`, `for project in iter_records(...)`), and every attribute
read through those names, down nested records (`project.municipality.district.name_en`).
An attribute that is neither a field nor a property of its record fails the test with the
line that reads it, before any export could raise AttributeError at run time.
"""

import ast
import inspect
import types
import typing
from collections.abc import Iterator

import pytest

from imar.opendata import records
from imar.opendata.exports.geojson import features
from imar.opendata.exports.iati import activities
from imar.opendata.exports.oc4ids import package
from imar.opendata.exports.tabular import tables
from imar.opendata.formats import FORMATS
from imar.opendata.source import export_projects

EXPORTERS = [activities, package, tables, features]
RECORD_TYPES = set(records.RECORD_TYPES)


def _element(hint):
    """(record class, many) for a hint naming a record: X, X | None, tuple[X, ...],
    Iterator[X]; None for anything else."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None)]
        return _element(kept[0]) if len(kept) == 1 else None
    if origin in (tuple, Iterator) and args:
        inner = _element(args[0])
        return inner and (inner[0], True)
    if hint in RECORD_TYPES:
        return hint, False
    return None


def _declaring(cls, name: str) -> type:
    """The class that declares field `name` (ProjectRecord inherits ProjectSummary's)."""
    return next(c for c in cls.__mro__ if name in c.__dict__.get("__annotations__", {}))


class _Reads:
    """The record attributes that one module's functions read, and the wrong ones."""

    def __init__(self, source: str, namespace: dict, filename: str):
        self.namespace = namespace
        self.filename = filename
        self.read: set[tuple[type, str]] = set()
        self.errors: set[str] = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef):
                self._function(node)

    def _resolve(self, annotation):
        if annotation is None:
            return None
        try:
            return _element(eval(ast.unparse(annotation), self.namespace))  # noqa: S307
        except Exception:  # a hint this check does not follow (str, dict, ...)
            return None

    def _type(self, node, env, *, check=False):
        if isinstance(node, ast.Name):
            return env.get(node.id)
        if isinstance(node, ast.Attribute):
            owner = self._type(node.value, env, check=check)
            if owner is None or owner[1]:
                return None
            cls = owner[0]
            hints = typing.get_type_hints(cls)
            if node.attr in hints:
                if check:
                    self.read.add((_declaring(cls, node.attr), node.attr))
                return _element(hints[node.attr])
            if isinstance(getattr(cls, node.attr, None), property):
                if check:
                    self.read.add((cls, node.attr))
                return None
            if check:
                self.errors.add(
                    f"{self.filename}:{node.lineno}: {cls.__name__} has no field {node.attr!r}"
                )
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            function = self.namespace.get(node.func.id)
            if function is not None and callable(function):
                try:
                    return _element(typing.get_type_hints(function).get("return"))
                except Exception:
                    return None
        return None

    def _bind(self, target, value_type, env) -> None:
        if isinstance(target, ast.Name) and value_type is not None:
            env[target.id] = value_type

    def _bind_many(self, target, iterable, env) -> None:
        """`for target in iterable`: records from a collection, or tuples of a literal."""
        many = self._type(iterable, env)
        if many is not None and many[1]:
            self._bind(target, (many[0], False), env)
        elif isinstance(target, ast.Tuple) and isinstance(iterable, ast.Tuple | ast.List):
            rows = [e.elts for e in iterable.elts if isinstance(e, ast.Tuple)]
            for index, name in enumerate(target.elts):
                found = {self._type(row[index], env) for row in rows if len(row) > index}
                if len(found) == 1:
                    self._bind(name, found.pop(), env)

    def _function(self, function: ast.FunctionDef) -> None:
        env = {}
        arguments = function.args
        for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            self._bind(ast.Name(arg.arg), self._resolve(arg.annotation), env)
        for _ in range(3):  # bindings may use earlier ones; three passes reach every depth here
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target, value = node.targets[0], node.value
                    if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
                        for name, item in zip(target.elts, value.elts, strict=False):
                            self._bind(name, self._type(item, env), env)
                    else:
                        self._bind(target, self._type(value, env), env)
                elif isinstance(node, ast.AnnAssign):
                    self._bind(node.target, self._type(node.value, env), env)
                elif isinstance(node, ast.For | ast.comprehension):
                    self._bind_many(node.target, node.iter, env)
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute):
                self._type(node, env, check=True)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr")
                and node.args
                and self._type(node.args[0], env) is not None
            ):
                self.errors.add(
                    f"{self.filename}:{node.lineno}: {node.func.id}() on a record hides a "
                    "missing field; read it by name"
                )


def _reads(module) -> _Reads:
    return _Reads(inspect.getsource(module), vars(module), module.__name__)


def test_every_attribute_an_exporter_reads_is_a_record_field():
    errors, read = set(), set()
    for module in EXPORTERS:
        reads = _reads(module)
        errors |= reads.errors
        read |= reads.read
        # Not vacuous: each exporter is seen reading its records.
        assert len(reads.read) >= 10, (module.__name__, sorted(reads.read))
    assert not errors, "\n".join(sorted(errors))
    # And the other way round: no record field is left that no exporter writes (the
    # project's id only keys the related rows while records are built).
    unread = {
        f"{cls.__name__}.{name}"
        for cls in RECORD_TYPES
        for name in cls.__annotations__
        if (cls, name) not in read
    }
    assert unread == {"ProjectSummary.id"}


def test_geojson_reads_only_the_summary():
    """`iter_summaries` skips most of the row; a GeoJSON property reading a field outside
    the summary (here `updated_at`) is caught without running an export."""
    source = inspect.getsource(features).replace(
        '"currency": project.currency,', '"updated": project.updated_at,'
    )
    reads = _Reads(source, vars(features), "features")
    assert {e.split(": ", 1)[1] for e in reads.errors} == {
        "ProjectSummary has no field 'updated_at'"
    }


def test_the_field_check_catches_a_missing_field():
    source = (
        "def row(project: ProjectRecord):\n"
        "    point = project.point\n"
        "    for t in project.transactions:\n"
        "        t.provider.name_fr\n"
        "    return project.municipality.district.name_en, point.altitude, project.title\n"
    )
    reads = _Reads(source, vars(records), "example")
    assert reads.errors == {
        "example:4: OrganizationRecord has no field 'name_fr'",
        "example:5: PointRecord has no field 'altitude'",
        "example:5: ProjectRecord has no field 'title'",
    }


def test_records_are_frozen(world):
    record = next(records.iter_records(export_projects()))
    with pytest.raises(AttributeError):
        record.code = "X"  # frozen, and slotted: no attribute outside the fields either
    with pytest.raises(AttributeError):
        record.public_documents  # noqa: B018


def test_a_collection_the_format_did_not_ask_for_is_none_not_empty(world):
    (record, _) = records.iter_records(export_projects(), related=(records.DOCUMENTS,))
    assert record.code == "DRN-001"
    assert len(record.documents) == 1
    assert record.participations is None
    assert record.transactions is None
    assert record.milestones is None
    with pytest.raises(ValueError, match="unknown"):
        next(records.iter_records(export_projects(), related=("photos",)))


@pytest.mark.parametrize(
    ("name", "kind", "queries"),
    [
        # the last update (the file's date), projects, participations, transactions,
        # documents, the transactions' organizations, the results framework's indicators
        ("iati", "projects", 8),  # + the confirmed donor activities (related-activity)
        # the same, milestones, contracts and the contracting processes' published releases
        # (and, when they name any, their organizations: one more query)
        ("oc4ids", "projects", 9),
        # projects, participations, the organizations they name (once per export and
        # organization: the roles are shared records)
        ("csv", "projects", 3),
        ("xlsx", "projects", 3),
        # projects only (their summaries)
        ("geojson", "projects", 1),
        # transactions with their projects and organizations
        ("csv", "transactions", 1),
        ("xlsx", "transactions", 1),
    ],
)
def test_queries_per_format_do_not_grow_with_projects(
    world, make_project, django_assert_num_queries, name, kind, queries
):
    for _ in range(30):
        make_project()
    with django_assert_num_queries(queries):
        data = b"".join(FORMATS[name].write(export_projects(), kind))
    assert data
