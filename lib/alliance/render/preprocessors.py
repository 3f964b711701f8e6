"""The nbconvert preprocessors the audiences are made of (imported only when exporting)."""
from __future__ import annotations

from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import Dict, List, Unicode


class MergeParameters(Preprocessor):
    """One parameters cell: the set's values written into the lesson's own `parameters` cell
    (annotations and comments kept), papermill's injected cell removed. A student who edits
    the documented cell is never overridden by a second cell."""
    lines = Dict(help="parameter name -> the cell line for its value").tag(config=True)

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
        for cell in nb.cells:
            if "parameters" in cell.metadata.get("tags", []) and self.lines:
                cell.source = "\n".join(self.lines.values())
        return nb, resources


class NumberExecution(Preprocessor):
    """Execution counts from 1 in cell order (the warm kernel's counter means nothing to a
    reader)."""
    def preprocess(self, nb, resources):
        n = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if cell.get("execution_count") is not None:
                n += 1
                cell.execution_count = n
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


class ClearOutputs(Preprocessor):
    """Cells with these tags keep their code but lose their outputs (a self-check ran against
    the solutions: a student's copy must not say "passed" above an empty answer)."""
    tags = List(Unicode()).tag(config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "code" and set(self.tags) & set(cell.metadata.get("tags", [])):
                cell.outputs = []
                cell.execution_count = None
        return nb, resources


class KeepSlideCells(Preprocessor):
    """Slides show only what the lesson marks for them (`slideshow.slide_type` other than
    `skip`); every other cell is dropped rather than appended to the slide before it."""
    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells
                    if c.metadata.get("slideshow", {}).get("slide_type", "skip") != "skip"]
        return nb, resources


def remove_tags(*tags: str) -> TagRemovePreprocessor:
    return TagRemovePreprocessor(remove_cell_tags=set(tags), enabled=True)
