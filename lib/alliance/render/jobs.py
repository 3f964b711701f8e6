"""Render jobs: the named parameter sets of notebooks/params.yml, checked before any kernel
starts. Light on purpose: yaml and the catalogue are imported only to parse a file (the
quick "nothing changed" check reuses the jobs recorded by the last run, see run.read_jobs).

The YAML is read strictly: a duplicate key (two sets with one name) is an error, so is an
alias (`*x`: no alias bombs), and so is a file that is not UTF-8; every message names
file:line:column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ParameterError, ParamSetError
from ..paths import display_path


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: values holds a dict
class Job:
    notebook: str
    set_name: str
    values: dict[str, Any]   # resolved: every declared parameter, JSON-safe (dates as strings)
    reads: tuple[str, ...] = ()  # the data files the lesson reads (relative to the data folder)

    @property
    def slug(self) -> str:
        s = re.sub(r"[^a-z0-9]+", "-", self.set_name.lower()).strip("-")
        return f"{self.notebook}--{s or 'set'}"

    @property
    def label(self) -> str:
        return f"{self.notebook} [{self.set_name}]"

    @property
    def is_default(self) -> bool:
        return self.set_name == "defaults"


def _json_safe(value: Any) -> Any:
    import datetime as dt
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def _strict_loader():
    """A safe YAML loader that refuses duplicate keys and aliases."""
    import yaml

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        seen: dict[Any, Any] = {}
        for key_node, _value in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} appears twice in this mapping (first on line "
                    f"{seen[key].start_mark.line + 1}); each name must be unique", key_node.start_mark)
            seen[key] = key_node
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    Strict.compose_node = _composer_without_aliases(Strict)
    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Strict


def _composer_without_aliases(cls):
    import yaml

    base = yaml.SafeLoader.compose_node

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a parameter file; write the "
                "values out", event.start_mark)
        return base(self, parent, index)
    return compose_node


def read_yaml(path: Path) -> Any:
    import yaml  # ~15 ms; only here
    shown = display_path(path)
    if path.is_dir():
        raise ParamSetError("is a folder, not a parameter file", file=shown)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ParamSetError("file not found", file=shown) from None
    except OSError as err:
        raise ParamSetError(f"cannot be read ({err.strerror})", file=shown) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise ParamSetError(f"byte 0x{raw[err.start]:02x} is not valid UTF-8; save the file as "
                            "UTF-8", file=shown, line=line, column=col) from None
    try:
        return yaml.load(text, Loader=_strict_loader())  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ParamSetError(f"not valid YAML: {getattr(err, 'problem', None) or err}", file=shown,
                            line=mark.line + 1 if mark else None,
                            column=mark.column + 1 if mark else None) from None


def load(path: Path) -> list[Job]:
    from .. import catalogue
    shown = display_path(path)
    doc = read_yaml(path)
    if doc is None:
        return []  # empty or comments only: no sets (and so nothing is removed: see run.py)
    if not isinstance(doc, dict):
        raise ParamSetError("expected a mapping of notebook -> named parameter sets", file=shown)
    jobs = []
    for notebook, sets in doc.items():
        if notebook not in catalogue.LESSONS:
            raise ParamSetError(f"unknown notebook {notebook!r}", file=shown,
                                allowed="one of " + ", ".join(catalogue.LESSONS))
        if not isinstance(sets, dict) or not sets:
            raise ParamSetError("expected named parameter sets, e.g. 'defaults: {}'", file=shown,
                                notebook=notebook)
        jobs += jobs_of(notebook, sets, shown)
    return jobs


def reads(lesson) -> tuple[str, ...]:
    """The data files a lesson reads: its declared tables (all if undeclared) and files."""
    from ..data.schema import TABLES
    return tuple(TABLES[t].file for t in (lesson.tables or tuple(TABLES))) + tuple(lesson.files)


def jobs_of(notebook: str, sets: dict, shown: str | None = None) -> list[Job]:
    from .. import catalogue
    lesson = catalogue.lesson(notebook)
    slugs: dict[str, str] = {}
    jobs = []
    for set_name, values in sets.items():
        set_name = str(set_name)
        where = dict(file=shown, notebook=notebook, set_name=set_name)
        values = values or {}
        if not isinstance(values, dict):
            raise ParamSetError("expected a mapping of parameter: value", **where)
        if "audience" in values:
            raise ParamSetError("is chosen by the renderer (every set is rendered for every "
                                "audience); remove it", parameter="audience", **where)
        try:
            resolved = lesson.validate(values)
        except ParameterError as err:
            raise ParamSetError(err.problem, parameter=err.parameter, value=err.value,
                                allowed=err.allowed, hint=err.hint, **where) from None
        job = Job(notebook, set_name, {k: _json_safe(v) for k, v in resolved.items()}, reads(lesson))
        if job.slug in slugs:
            raise ParamSetError(f"its file name {job.slug!r} clashes with set "
                                f"{slugs[job.slug]!r}; rename one", **where)
        slugs[job.slug] = set_name
        jobs.append(job)
    return jobs
