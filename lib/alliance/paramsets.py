"""Named parameter sets (notebooks/params.yml), checked before any kernel starts.

Light on purpose (yaml and the declarations only): the renderer reads this on every run,
including the quick "nothing changed" check.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import params
from .paths import display_path


class ParamSetError(ValueError):
    """A parameter set that cannot run; the message names file, notebook, set and parameter."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: values holds a dict
class Job:
    notebook: str
    set_name: str
    values: dict[str, Any]   # resolved: every declared parameter, JSON-safe (dates as strings)

    @property
    def slug(self) -> str:
        s = re.sub(r"[^a-z0-9]+", "-", self.set_name.lower()).strip("-")
        return f"{self.notebook}--{s or 'set'}"

    @property
    def label(self) -> str:
        return f"{self.notebook} [{self.set_name}]"


def _json_safe(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def load(path: Path) -> list[Job]:
    import yaml  # ~15 ms; only here
    shown = display_path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ParamSetError(f"{shown}: file not found") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ParamSetError(f"{shown}{where}: not valid YAML: {getattr(err, 'problem', err)}") from None
    if not isinstance(doc, dict):
        raise ParamSetError(f"{shown}: expected a mapping of notebook -> named parameter sets")
    jobs = []
    for notebook, sets in doc.items():
        if notebook not in params.NOTEBOOKS:
            raise ParamSetError(f"{shown}: unknown notebook {notebook!r}; the notebooks are: "
                                + ", ".join(params.NOTEBOOKS))
        if not isinstance(sets, dict) or not sets:
            raise ParamSetError(f"{shown}: {notebook}: expected named parameter sets, e.g. "
                                "'defaults: {}'")
        slugs = {}
        for set_name, values in sets.items():
            set_name = str(set_name)
            where = f"{shown}: {notebook}, set {set_name!r}"
            values = values or {}
            if not isinstance(values, dict):
                raise ParamSetError(f"{where}: expected a mapping of parameter: value")
            if "audience" in values:
                raise ParamSetError(f"{where}: parameter 'audience' is chosen by the renderer "
                                    "(every set is rendered for report, teacher and student); "
                                    "remove it")
            try:
                resolved = params.validate(notebook, values)
            except params.ParameterError as err:
                raise ParamSetError(f"{where}: {str(err).split(': ', 1)[1]}") from None
            job = Job(notebook, set_name, {k: _json_safe(v) for k, v in resolved.items()})
            if job.slug in slugs:
                raise ParamSetError(f"{where}: its file name {job.slug!r} clashes with set "
                                    f"{slugs[job.slug]!r}; rename one")
            slugs[job.slug] = set_name
            jobs.append(job)
    return jobs
