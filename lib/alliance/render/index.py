"""The index pages: the public one (report and student versions) and the private one
(teacher material). Autoescaped Jinja; build details folded away."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .. import catalogue
from .audiences import AUDIENCES
from .jobs import Job
from .store import BuildStore

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def entries(store: BuildStore, jobs: list[Job]) -> list[dict]:
    out = []
    for job in jobs:
        state = store.read_state(job.slug)
        if not state or "fingerprint" not in state:
            continue  # never built successfully: nothing to link to
        state = {**state, "failed": state.get("failed", ""), "is_default": job.is_default,
                 "finding": state.get("finding", ""), "thumb": state.get("thumb", "")}
        state["parameters"] = {k: json.dumps(v, ensure_ascii=False) for k, v in state["parameters"].items()}
        out.append(state)
    return out


def lessons(items: list[dict]) -> list[dict]:
    """The entries grouped by lesson, in catalogue order: the default set first."""
    by_lesson: dict[str, list[dict]] = {}
    for e in items:
        by_lesson.setdefault(e["notebook"], []).append(e)
    out = []
    for name in catalogue.LESSONS:
        sets = sorted(by_lesson.get(name, []), key=lambda e: (not e["is_default"], e["set_name"]))
        if sets:
            out.append({"name": name, "title": sets[0]["title"], "summary": sets[0]["summary"],
                        "sets": sets})
    return out


def write_indexes(store: BuildStore, jobs: list[Job], say=None) -> None:
    """Both index pages, then the search index of the published pages."""
    import jinja2

    from .site import build_search_index
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    items = entries(store, jobs)
    versions = sorted({e["data_version"] for e in items})
    built_at = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    search = (store.reports / "report").is_dir() and build_search_index(store.reports, say)
    from .guide import write_guides
    guides = write_guides(store, env, lessons(items))
    for private in (False, True):
        audiences = [a for a in AUDIENCES.values() if a.private == private]
        built = {a.name: {p.name for p in (store.root(a.private) / a.name).glob(f"*{a.ext}")}
                 for a in audiences}  # e.g. no PDF where Chromium is missing
        page = env.get_template("index.html.j2").render(
            lessons=lessons(items), audiences=audiences, private=private, built=built,
            guides=guides if private else {},
            data_version=", ".join(versions) or "—", built_at=built_at, count=len(items),
            search=search and not private)
        store.write(store.root(private) / "index.html", page)
