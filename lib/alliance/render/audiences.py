"""Audiences, declared once: what each keeps of an executed lesson and what it produces.

An audience is a short declaration; the transformations are nbconvert preprocessors applied
in order, and the exporter's settings come from the declaration. A new audience is a few
lines here: nothing else in the project needs to know its name.

    report   code hidden, no exercises' solutions: the article a reader reads
    teacher  code, exercises and solutions (private: built outside the published folder)
    student  code and exercises, no solutions; a handed-out notebook with one parameters cell
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import Dict, Unicode

BANNER_TAG = "alliance-banner"
SOLUTION_TAG = "solution"


# Preprocessors ---------------------------------------------------------------------------

class MergeParameters(Preprocessor):
    """One parameters cell: the set's values written into the lesson's own `parameters` cell
    (annotations and comments kept), papermill's injected cell removed. A student who edits
    the documented cell is never overridden by a second cell."""
    values = Dict(help="the parameter set's values").tag(config=True)
    lines = Dict(help="parameter name -> the cell line for its value").tag(config=True)

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []):
                cell.source = "\n".join(self.lines[name] for name in self.lines)
        return nb, resources


class NumberExecution(Preprocessor):
    """Execution counts from 1 in cell order (the warm kernel's counter means nothing to a
    reader), or none at all."""
    def preprocess(self, nb, resources):
        n = 0
        for cell in nb.cells:
            if cell.cell_type == "code":
                n += 1 if cell.get("execution_count") is not None else 0
                cell.execution_count = n if cell.get("execution_count") is not None else None
                for out in cell.get("outputs", []):
                    if "execution_count" in out:
                        out["execution_count"] = cell.execution_count
        return nb, resources


class RecordAudience(Preprocessor):
    """The notebook says whom it is for; build paths and papermill's bookkeeping go."""
    audience = Unicode().tag(config=True)
    lesson = Unicode().tag(config=True)
    set_name = Unicode().tag(config=True)

    def preprocess(self, nb, resources):
        nb.metadata.pop("papermill", None)
        nb.metadata["alliance"] = {"audience": self.audience, "lesson": self.lesson,
                                   "set": self.set_name}
        for cell in nb.cells:
            cell.metadata.pop("papermill", None)
            cell.metadata.pop("execution", None)
        return nb, resources


def remove_tags(*tags: str) -> TagRemovePreprocessor:
    return TagRemovePreprocessor(remove_cell_tags=set(tags), enabled=True)


# Declarations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Audience:
    name: str
    purpose: str                      # one line, shown on the index
    show_code: bool                   # code cells' input in the HTML
    keep_solutions: bool              # cells tagged `solution`
    notebook: bool = False            # also hand out an executed .ipynb
    private: bool = False             # built into the private folder (never published)
    links_to: tuple[str, ...] = ()    # other audiences its pages may link to
    extra: tuple[Any, ...] = field(default=())  # further preprocessors, in order

    def preprocessors(self, job, lines: dict[str, str]) -> list[Preprocessor]:
        steps: list[Preprocessor] = []
        if not self.keep_solutions:
            steps.append(remove_tags(SOLUTION_TAG))
        steps += [MergeParameters(values=job.values, lines=lines), NumberExecution(),
                  RecordAudience(audience=self.name, lesson=job.notebook, set_name=job.set_name)]
        return steps + [copy.deepcopy(p) for p in self.extra]

    def apply(self, nb, job, lines: dict[str, str]):
        nb = copy.deepcopy(nb)
        resources: dict = {}
        for step in self.preprocessors(job, lines):
            nb, resources = step.preprocess(nb, resources)
        return nb


AUDIENCES: dict[str, Audience] = {a.name: a for a in (
    Audience("report", "the article: code hidden, figures and tables with their sources",
             show_code=False, keep_solutions=False, links_to=("student",)),
    Audience("student", "code and exercises with self-checks, no solutions",
             show_code=True, keep_solutions=False, notebook=True, links_to=("report",)),
    Audience("teacher", "code, exercises, solutions and model answers",
             show_code=True, keep_solutions=True, notebook=True, private=True,
             links_to=("report", "student")),
)}
PUBLIC = tuple(a for a in AUDIENCES if not AUDIENCES[a].private)


# Export ---------------------------------------------------------------------------------

_EXPORTERS: dict[str, Any] = {}


def html_exporter(audience: Audience):
    """One HTML exporter per audience and process (loading the template is the slow part)."""
    if audience.name not in _EXPORTERS:
        from pathlib import Path

        from nbconvert import HTMLExporter
        from traitlets.config import Config
        c = Config()
        c.TagRemovePreprocessor.remove_input_tags = {BANNER_TAG}
        c.HTMLExporter.exclude_input = not audience.show_code
        c.HTMLExporter.exclude_input_prompt = not audience.show_code
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.extra_template_basedirs = [
            str(Path(__file__).resolve().parents[1] / "templates" / "nbconvert")]
        c.HTMLExporter.template_name = "alliance"
        exporter = HTMLExporter(config=c)
        exporter.register_preprocessor(TagRemovePreprocessor(config=c), enabled=True)
        _EXPORTERS[audience.name] = exporter
    return _EXPORTERS[audience.name]
