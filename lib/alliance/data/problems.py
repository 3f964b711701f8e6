"""What the validator reports: one line per problem, naming file, line and column."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: str
    message: str
    severity: str = "error"   # error: the data cannot be used; warning: worth a look

    def __str__(self) -> str:
        mark = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}: {self.column}: {mark}{self.message}"
