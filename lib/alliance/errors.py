"""The project's errors: one base class with structured fields, messages composed here only.

Callers never build or edit message strings: they raise with fields, and add context on the
way up with `err.within(notebook=..., set_name=..., file=...)`. The message always reads

    <file>:<line>:<column>: <notebook>, set '<set>': parameter '<name>': <value> <problem>; expected <allowed>

with whatever parts are known. Imports nothing beyond the standard library.
"""
from __future__ import annotations

from typing import Any

_UNSET: Any = object()


def _shown(value: Any) -> str:
    """A value as a message shows it: strings quoted, dates as ISO, the rest as repr (capped)."""
    import datetime as dt
    text = value.isoformat() if isinstance(value, dt.date) else repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


class AllianceError(Exception):
    """Something the user can fix; `str(err)` says what was wrong, where, and what would be right."""

    def __init__(self, problem: str, *, file: str | None = None, line: int | None = None,
                 column: int | str | None = None, notebook: str | None = None,
                 set_name: str | None = None, parameter: str | None = None,
                 value: Any = _UNSET, allowed: str | None = None, hint: str | None = None):
        self.problem, self.file, self.line, self.column = problem, file, line, column
        self.notebook, self.set_name, self.parameter = notebook, set_name, parameter
        self.value, self.allowed, self.hint = value, allowed, hint
        super().__init__(self.message)

    # fields that within() may fill in; they never overwrite what the raiser knew
    _CONTEXT = ("file", "line", "column", "notebook", "set_name", "parameter")

    @property
    def message(self) -> str:
        where = ""
        if self.file:
            where = self.file + "".join(f":{x}" for x in (self.line, self.column) if x is not None)
        who = self.notebook or ""
        if self.set_name is not None:
            who += f", set {self.set_name!r}" if who else f"set {self.set_name!r}"
        head = ": ".join(x for x in (where, who) if x)
        if self.parameter:
            head += (": " if head else "") + f"parameter {self.parameter!r}"
        text = self.problem if self.value is _UNSET else f"{_shown(self.value)} {self.problem}"
        if self.allowed:
            text += f"; expected {self.allowed}"
        if self.hint:
            text += f" ({self.hint})"
        return f"{head}: {text}" if head else text

    def __str__(self) -> str:
        return self.message

    def within(self, **context: Any) -> "AllianceError":
        """The same error with more context (only fields still unknown are filled)."""
        for key, value in context.items():
            if key not in self._CONTEXT:
                raise TypeError(f"within() takes {', '.join(self._CONTEXT)}, not {key!r}")
            if getattr(self, key) is None:
                setattr(self, key, value)
        self.args = (self.message,)
        return self


class ParameterError(AllianceError, ValueError):
    """A parameter value that is not allowed."""


class ParamSetError(AllianceError, ValueError):
    """A parameter-set file (notebooks/params.yml) that cannot be run."""


class NoSourcesError(AllianceError, ValueError):
    """A chart or table was asked to show rows that do not all name a source."""


class EDTFError(AllianceError, ValueError):
    """A date that is not in the project's EDTF subset."""


class RenderError(AllianceError, RuntimeError):
    """A notebook could not be executed or exported."""


class DataError(AllianceError, ValueError):
    """Raised by the loaders when the data has errors; carries every one of them."""

    def __init__(self, problems: list):  # of alliance.data.problems.Problem
        self.problems = sorted(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the data:"
        super().__init__("\n".join([head, *map(str, self.problems)]))
