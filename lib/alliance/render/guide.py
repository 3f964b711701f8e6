"""The teacher's guide pages (private): one per lesson, from lib/alliance/guides.py."""
from __future__ import annotations

from .. import guides
from .store import BuildStore


def write_guides(store: BuildStore, env, lessons: list[dict]) -> dict[str, str]:
    """lesson name -> page path, for every built lesson that declares a guide."""
    out = {}
    for lesson in lessons:
        guide = guides.GUIDES.get(lesson["name"])
        if guide is None:
            continue
        default = lesson["sets"][0]
        page = env.get_template("guide.html.j2").render(
            lesson=lesson, guide=guide, running=guides.RUNNING, slug=default["slug"],
            minutes_45=sum(m for m, _ in guide.plan_45), minutes_90=sum(m for m, _ in guide.plan_90))
        path = store.root(True) / "guide" / f"{lesson['name']}.html"
        store.write(path, page)
        out[lesson["name"]] = str(path)
    return out
