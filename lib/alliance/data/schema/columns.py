"""Columns and tables, and the registry of column kinds (a typo in a kind is an error)."""
from __future__ import annotations

from dataclasses import dataclass

# kind: what a cell holds. Every Col names one of these; an unknown kind raises at import,
# so a typo ("flaot") can never silently drop a format or range check.
KINDS = {
    "id": "the table's key: prefix + lowercase slug",
    "ref": "one id of another table",
    "refs": "a ';'-list of ids (or of vocabulary items, when vocab is given)",
    "text": "free text",
    "vocab": "one item of a closed vocabulary",
    "day": "a date YYYY-MM-DD",
    "edtf": "a date in the project's EDTF subset",
    "int": "a whole number",
    "float": "a decimal number",
    "yesno": "yes or no",
    "url": "an http(s) URL",
    "qid": "a Wikidata id",
    "iso3": "an ISO 3166-1 alpha-3 country code",
    "lang": "a BCP 47 language tag",
}
NUMERIC_KINDS = ("int", "float")


@dataclass(frozen=True)
class Col:
    """One CSV column; `kind` is one of KINDS."""
    name: str
    kind: str = "text"
    required: bool = False
    vocab: tuple[str, ...] = ()
    target: str = ""          # table a ref/refs column points to
    min: float | None = None
    max: float | None = None
    max_len: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: unknown kind {self.kind!r}; the kinds are: "
                             + ", ".join(KINDS))
        if (self.min is not None or self.max is not None) and self.kind not in NUMERIC_KINDS:
            raise ValueError(f"column {self.name!r}: min/max need a numeric kind, not {self.kind!r}")
        if self.kind == "vocab" and not self.vocab:
            raise ValueError(f"column {self.name!r}: a vocab column needs its vocabulary")
        if self.kind in ("ref",) and not self.target:
            raise ValueError(f"column {self.name!r}: a ref column needs its target table")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Col, ...]
    key: str | None            # primary key column (None: composite, see unique_together)
    prefix: str = ""           # id prefix of the key
    unique_together: tuple[str, ...] = ()
    dated: bool = False        # has date/date_start/date_end/date_precision
    estimates: bool = False    # has low/best/high/qualifier
    description: str = ""

    def __post_init__(self) -> None:
        names = self.column_names
        for col in (self.key, *self.unique_together):
            if col and col not in names:
                raise ValueError(f"table {self.name!r}: key column {col!r} is not declared")

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


def dated_columns() -> tuple[Col, ...]:
    from .vocab import DATE_PRECISIONS
    return (
        Col("date", "edtf", required=True),
        Col("date_start", "day", required=True),
        Col("date_end", "day"),  # empty only for an open-ended interval "A/.."
        Col("date_precision", "vocab", required=True, vocab=DATE_PRECISIONS),
    )


SOURCE = Col("source_id", "ref", required=True, target="sources")
NOTES = Col("notes")
