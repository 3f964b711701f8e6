"""Shared fixtures: a fresh data cache per test, a writable copy of the valid fixture."""
from __future__ import annotations

import pytest

from alliance import data
from tests.support import MARKUP_SET, VALID, Dataset


@pytest.fixture(autouse=True)
def _fresh_cache():
    data.clear_cache()
    yield
    data.clear_cache()


@pytest.fixture
def dataset(tmp_path):
    """A writable copy of the valid fixture, with helpers to edit one table."""
    return Dataset.copy_of(VALID, tmp_path / "data")


def _shared_dir(tmp_path_factory, worker_id: str):
    """A folder every xdist worker of this session shares (the session's own under plain pytest)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if worker_id not in ("master", "") else base


@pytest.fixture(scope="session")
def worker_id(request):
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


@pytest.fixture(scope="session")
def executed(tmp_path_factory, worker_id):
    """Every lesson with every committed parameter set and every test set of the catalogue,
    rendered once per test session through the real renderer (warm kernels, every audience).
    The PDF handouts (seconds each) are typeset for the committed sets: the test sets' student
    and teacher notebooks, which the handouts print, are checked like every other.
    Under xdist both workers ask for it: the renderer's lock makes the second wait, then find
    everything up to date. Tests read the executed notebooks and the pages from here."""
    import os

    import yaml

    from alliance import catalogue
    from tests.support import ROOT, render
    shared = _shared_dir(tmp_path_factory, worker_id) / "session-render"
    shared.mkdir(exist_ok=True)
    sets = yaml.safe_load((ROOT / "notebooks" / "params.yml").read_text(encoding="utf-8"))
    for name, lesson in catalogue.LESSONS.items():
        for set_name, values in lesson.test_sets.items():
            sets.setdefault(name, {})[f"test: {set_name}"] = values
    # a set name a page must escape wherever it shows it (the index, titles, banners)
    sets["05_claims_check"][MARKUP_SET] = {}
    params = shared / "params.yml"
    tmp = shared / f"params.{os.getpid()}.yml"
    tmp.write_text(yaml.safe_dump(sets, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.replace(tmp, params)
    # the committed sets with their handouts, then every set's pages (the index lists them all)
    out = render("--params", str(ROOT / "notebooks" / "params.yml"), reports=shared / "reports",
                 timeout=1200)
    assert out.returncode == 0, out.stdout + out.stderr
    out = render("--params", str(params), "--prune", "--no-handouts", reports=shared / "reports",
                 timeout=1200)
    assert out.returncode == 0, out.stdout + out.stderr
    return Rendered(shared / "reports", sets)


class Rendered:
    """The session render: where each audience's files are, and the sets it holds."""

    def __init__(self, reports, sets):
        from alliance.render.store import BuildStore
        self.store = BuildStore(reports)
        self.reports = reports
        self.sets = sets

    def slug(self, notebook: str, set_name: str) -> str:
        from alliance.render.jobs import jobs_of
        return next(j.slug for j in jobs_of(notebook, {set_name: self.sets[notebook][set_name]}))

    def path(self, audience: str, slug: str, ext: str = ".html"):
        from alliance.render.audiences import AUDIENCES
        return self.store.root(AUDIENCES[audience].private) / audience / f"{slug}{ext}"

    def notebook(self, slug: str, audience: str = "teacher"):
        import nbformat
        return nbformat.read(self.path(audience, slug, ".ipynb"), as_version=4)

    def cases(self, printed: bool = False):
        """(notebook, set name) of every set rendered; `printed`: those with handouts."""
        return [(nb, s) for nb, sets in self.sets.items() for s in sets
                if not (printed and s.startswith("test: "))]
