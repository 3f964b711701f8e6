"""The lessons' exercises: the expected answers the self-checks compare with, and the model
answers (computed sentences) the teacher's solutions end with; one module per lesson, named
like the lesson module. The self-checks themselves are otter-grader public tests, one folder
per lesson in `checks/`, installed with the package (so a student notebook needs no file
beside it)."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ... import kit
from ...kit import style

CHECKS = Path(__file__).resolve().parent / "checks"


DIRECTION_WORDS = {"prk_to_rus": "North Korea → Russia", "rus_to_prk": "Russia → North Korea",
                   "both": "both ways"}


def words(value, start: bool = False) -> str:
    """A vocabulary id as a model answer writes it: a theme as the timeline's lanes name it, a
    direction with its arrow, any other id in words ('mutual_defense' -> 'mutual defence');
    `start`: capitalised, for the start of a sentence."""
    text = str(value)
    if text in style.THEME_LABELS:
        text = style.THEME_LABELS[text]
        text = text if start else text[:1].lower() + text[1:]
    elif text in DIRECTION_WORDS:
        text = DIRECTION_WORDS[text]
    else:
        from ...kit.tables import id_words
        text = id_words(text)
    return text[:1].upper() + text[1:] if start else text


def grader(notebook: str):
    """The otter-grader notebook object whose `check("ex1")` runs that exercise's check."""
    import os

    import otter
    from otter.check import notebook as otter_notebook
    # otter appends every check to a .OTTER_LOG file where the notebook runs, for its
    # submission exports; the lessons use none, so the log (which only grows) is not kept
    otter_notebook.OTTER_LOG_FILENAME = os.devnull
    return otter.Notebook(tests_dir=str(CHECKS / notebook))


def same(answer, expected, tol: float = 1e-6) -> bool:
    """Is the student's answer the expected one? Order, dtype, names and zero counts do not
    matter; numbers match to `tol` (relative)."""
    if answer is Ellipsis or answer is None:
        return expected is None
    if isinstance(expected, pd.Series):
        if not isinstance(answer, pd.Series):
            return False
        a, e = _counts(answer), _counts(expected)
        return set(a.index) == set(e.index) and all(_close(a[k], e[k], tol) for k in e.index)
    if isinstance(expected, (set, frozenset, list, tuple)):
        try:
            return set(_items(answer)) == set(expected)
        except TypeError:
            return False
    if isinstance(expected, float):
        try:
            return _close(float(answer), expected, tol)
        except (TypeError, ValueError):
            return False
    return bool(answer == expected) if type(answer) is type(expected) or isinstance(answer, str) else False


def _counts(s: pd.Series) -> pd.Series:
    s = pd.to_numeric(s, errors="coerce").astype(float)
    s = s[s.fillna(0) != 0]
    return s.set_axis([str(k) for k in s.index])


def _items(answer):
    if isinstance(answer, pd.DataFrame):
        raise TypeError("a frame: compare one of its columns")
    if isinstance(answer, pd.Series):
        return answer.tolist()
    return list(answer)


def _close(a, b, tol: float) -> bool:
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def column_values(answer, column: str) -> set:
    """The values of one column of a frame (what a check compares when the answer is a table)."""
    if not isinstance(answer, pd.DataFrame) or column not in answer.columns:
        return set()
    return set(answer[column].dropna().astype(str))


def draw_counts(counts: pd.Series, rows: pd.DataFrame, sources: pd.DataFrame, title: str,
                xlabel: str = "count", columns=("source_id",)):
    """A horizontal bar chart of counts (largest on top) with the source line of the rows
    they were counted from; the selection's note when there is nothing to draw."""
    counts = counts[counts.fillna(0) != 0].sort_values()
    if counts.empty or rows.empty:
        return kit.nothing_to_show(rows)
    fig, ax = style.figure(9, max(2.5, 0.35 * len(counts) + 1.5))
    ax.barh([str(k) for k in counts.index], counts.to_numpy(dtype=float), color="#3a6ea5")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    return style.finish(fig, rows, sources, columns=columns, alt=title, name="exercise")


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "no"
