"""The renderer: executes every lesson with every parameter set and writes each audience's
pages. May import the catalogue, params, paths, errors and (lazily, for checks) the dataset;
never the lesson kit or the lessons, which run only inside kernels.

    jobs.py         parameter sets -> jobs, checked before any kernel starts
    fingerprint.py  what produced a report (normalised notebook, data, lib, packages), and
                    the hash cache that re-reads a file only when its stat changed
    kernels.py      warm, supervised kernels and the papermill engine that uses them
    audiences.py    the audience registry (nbconvert preprocessors) and exporters
    export.py       one executed lesson -> every page audience's files
    handout.py      the print phase: PDF handouts of the handed-out notebooks
    processes.py    the workers' signal discipline (held over fork, watch the parent)
    store.py        published / private / bookkeeping folders, atomic writes, the lock
    index.py        the index pages
    run.py          the orchestration (python -m alliance render)
"""
from .run import main  # noqa: F401
