"""Export one executed lesson for every audience: HTML pages, and the handed-out notebooks.

Runs in the worker process that executed the lesson (so export uses the other core, not the
parent's GIL). Every file goes into the job's scratch folder; the parent moves them into place.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .. import catalogue
from . import site
from .audiences import AUDIENCES, BANNER_TAG, PAGES, PUBLIC, REVEAL_DIR, Audience, html_exporter
from .jobs import Job
from .store import BuildStore


def parameter_lines(job: Job) -> dict[str, str]:
    """The parameters cell of a handed-out notebook: the set's values, annotated."""
    lesson = catalogue.LESSONS[job.notebook]
    lines = {}
    for p in lesson.params:
        value = job.values.get(p.name, p.default)
        lines[p.name] = p.cell_line_for(value)
    return lines


def page_title(info: dict, audience: Audience) -> str:
    set_part = "" if info["set_name"] == "defaults" else f" · {info['set_name']}"
    return f"{info['title']}{set_part} ({audience.name}) · alliance-notebooks"


def export_job(store: BuildStore, scratch: Path, job: Job, nb, info: dict) -> dict[str, str]:
    """target path -> scratch file, for every audience but the handouts (handout.py prints
    those afterwards, from the notebooks written here)."""
    import nbformat
    lines = parameter_lines(job)
    files: dict[str, str] = {}
    info["finding"] = site.finding(nb)
    thumb = site.thumbnail(nb)
    if thumb:
        (scratch / "thumb.png").write_bytes(thumb)
        files[str(store.reports / "thumbs" / f"{job.slug}.png")] = str(scratch / "thumb.png")
        info["thumb"] = f"thumbs/{job.slug}.png"
        info["thumb_alt"] = site.lead_chart_alt(nb)
    for audience in PAGES:
        version = audience.apply(nb, job, lines)
        folder = store.root(audience.private) / audience.name
        page = nbformat.from_dict(json.loads(json.dumps(version)))
        resources = {"metadata": {"name": page_title(info, audience)}}
        if audience.output == "slides":
            files.update(_reveal_copy(scratch, folder))
        else:
            page.cells.insert(0, banner(info, audience))
        body = html_exporter(audience).from_notebook_node(page, resources=resources)[0]
        body = site.decorate(body, job.notebook) if audience.output == "page" else body
        files[str(folder / f"{job.slug}.html")] = _write(scratch / f"{audience.name}.html",
                                                         relink(body, ".html"))
        if audience.notebook:
            files[str(folder / f"{job.slug}.ipynb")] = _write(
                scratch / f"{audience.name}.ipynb", relink(nbformat.writes(version), ".ipynb"))
    return files


def _reveal_copy(scratch: Path, folder: Path) -> dict[str, str]:
    """The vendored reveal.js, copied next to the slides (the same files every time)."""
    import shutil
    src = Path(__file__).resolve().parents[1] / "templates" / REVEAL_DIR
    out = {}
    for path in sorted(src.rglob("*")):
        if path.is_file():
            rel = path.relative_to(src)
            dest = scratch / "reveal" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
            out[str(folder / REVEAL_DIR / rel)] = str(dest)
    return out


def _write(path: Path, text: str) -> str:
    with open(path, "w", encoding="utf-8") as f:  # honours the umask
        f.write(text)
    return str(path)


def relink(text: str, ext: str) -> str:
    """Links between lessons ('02_treaty.ipynb') point at the rendered default version
    ('02_treaty--defaults.html' or '.ipynb') in the same audience folder."""
    return re.sub(r"\((\d\d_[a-z_]+)\.ipynb\)|href=\"(\d\d_[a-z_]+)\.ipynb\"",
                  lambda m: (f"({m[1]}--defaults{ext})" if m[1] else f'href="{m[2]}--defaults{ext}"'),
                  text)


def banner(info: dict, audience: Audience):
    """A small header: the way back to the index, the other versions this audience may see,
    the set's parameters, and (folded) the data version and build."""
    import nbformat
    esc = html.escape
    slug = esc(info["slug"])
    index = "../index.html"
    links = [f'<a href="{index}">All lessons</a>']
    for other in (audience.name, *audience.links_to):
        if other == audience.name:
            links.append(f"<strong>{esc(other)}</strong>")
        elif AUDIENCES[other].private == audience.private:
            links.append(f'<a href="../{esc(other)}/{slug}.html">{esc(other)}</a>')
        elif not AUDIENCES[other].private:  # a private page may point at the public one
            links.append(f'<span>{esc(other)} version: published separately</span>')
    values = "; ".join(f"<code>{esc(k)}</code> = {esc(json.dumps(v, ensure_ascii=False))}"
                       for k, v in info["parameters"].items())
    body = (f'<nav class="alliance-banner" aria-label="lesson versions">{" · ".join(links)}</nav>'
            f'<p class="alliance-set">Parameter set “{esc(info["set_name"])}”'
            + (f": {values}" if values else "") + "</p>"
            f'<details class="alliance-build"><summary>Build details</summary>'
            f'Data version <code>{esc(info["data_version"])}</code> · build '
            f'<code>{esc(info["fingerprint"])}</code> · {esc(info["built_at"])}</details>')
    cell = nbformat.v4.new_code_cell(source="", metadata={"tags": [BANNER_TAG]})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": body})]
    return cell


__all__ = ["export_job", "relink", "banner", "PUBLIC"]
