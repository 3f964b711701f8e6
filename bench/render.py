"""Benchmark of the report build, every route measured in one run on this machine.

    python bench/render.py [--runs 3]       # writes bench/RESULTS.md

Routes (whole-process wall time, median of --runs; every notebook x every parameter set in
notebooks/params.yml):
  a. plain lower bound: the same notebook code with its parameters injected, executed as one
     Python process with no kernel (figures rendered to PNG as the inline backend would);
  b. naive: `papermill` CLI, then `jupyter nbconvert --to html`, per report, sequentially
     (one HTML per report, where the renderer writes three);
  c. `python -m alliance render --force`: the pages (c1, `--no-handouts`, the work the bound
     (a) does: executing every lesson and showing its results) and then the PDF handouts;
  h. plain typesetting of the same handouts, one after another in one process (the bound of
     the handouts phase);
  d. a re-run with nothing changed;
  e. a re-run after editing one notebook (and, for comparison, after only touching its mtime).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BIN = Path(PY).parent


# Python caches each module's bytecode (__pycache__) unless told not to; this machine's shells
# set PYTHONDONTWRITEBYTECODE=1, so every run would compile the library afresh. The routes run
# as on a user's machine (cache on); the quick re-run is also timed with the cache off.
NO_BYTECODE = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def timed(cmd, **kw) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, **kw)
    return time.perf_counter() - t


def jobs():
    sys.path.insert(0, str(ROOT / "lib"))
    from alliance.render.jobs import load
    return load(ROOT / "notebooks" / "params.yml")


# a. plain: run in a child process (so imports are counted, as for the other routes)
def plain_worker() -> None:
    """Every job's code cells run in one process: parameters injected as papermill does, and
    each cell's last value displayed as the kernel would (a chart's PNG, a table's HTML)."""
    import ast

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import nbformat
    for job in jobs():
        nb = nbformat.read(ROOT / "notebooks" / f"{job.notebook}.ipynb", as_version=4)
        ns = {"__name__": "__main__"}
        os.chdir(ROOT / "notebooks")
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, job.slug, "exec"), ns)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), job.slug, "eval"), ns)
                for method in ("_repr_mimebundle_", "_repr_html_"):
                    if hasattr(value, method):
                        getattr(value, method)()
                        break
            if "parameters" in cell.metadata.get("tags", []):
                ns.update(job.values)  # what papermill's injected cell does
            for num in plt.get_fignums():  # what the inline backend does after each cell
                plt.figure(num).savefig(io.BytesIO(), format="png")
            plt.close("all")


def plain() -> float:
    return timed([PY, __file__, "--plain-worker"])


def plain_print_worker(reports: Path) -> None:
    """Every handout of a built site typeset one after another in this process."""
    sys.path.insert(0, str(ROOT / "lib"))
    from alliance.render import fingerprint, handout
    from alliance.render.store import BuildStore
    store = BuildStore(reports)
    out = Path(tempfile.mkdtemp())
    try:
        for p in handout.prints(store, jobs(), fingerprint.HashCache(), fingerprint.packages_hash()):
            handout.typeset(p, out)  # one browser for all, as one print worker has
    finally:
        handout.close_printer()
    shutil.rmtree(out)


def plain_print(reports: Path) -> float:
    return timed([PY, __file__, "--plain-print-worker", str(reports)])


def naive(tmp: Path) -> float:
    t = time.perf_counter()
    for job in jobs():
        out = tmp / f"{job.slug}.ipynb"
        args = [str(BIN / "papermill"), str(ROOT / "notebooks" / f"{job.notebook}.ipynb"), str(out),
                "--cwd", str(ROOT / "notebooks"), "-k", "python3", "--no-progress-bar"]
        for k, v in job.values.items():
            args += ["-y", json.dumps({k: v})]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def render(reports: Path, *extra: str, notebooks: Path | None = None) -> float:
    cmd = [PY, "-m", "alliance", "render", "--reports", str(reports), *extra]
    if notebooks:
        cmd += ["--notebooks", str(notebooks)]
    return timed(cmd)


def median(xs):
    return statistics.median(xs)


def load_tables(stamped: bool) -> float:
    """Wall time of loading every table in a fresh process, after `import pandas`."""
    code = ("import time, pandas; t = time.perf_counter(); from alliance import data; "
            "data.load_all(); print(time.perf_counter() - t)")
    env = {**os.environ, **({} if stamped else {"ALLIANCE_NO_STAMP": "1"})}
    out = subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT, env=env)
    return float(out.stdout.strip())


def breakdown(reports: Path) -> dict:
    """Where a forced render's time went, from the per-job timings the renderer records."""
    states = [json.loads(p.read_text()) for p in (reports.parent / f".{reports.name}.build" / "state").glob("*.json")]
    ex = sum(s["timings"]["execute"] for s in states)
    exp = sum(s["timings"]["export"] for s in states)
    html = [p for p in reports.parent.rglob("*.html") if "pagefind" not in p.parts]
    size = sum(p.stat().st_size for p in html)
    images = 0
    import re
    for p in html:
        images += sum(len(m) for m in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", p.read_text(encoding="utf-8")))
    return {"execute": ex, "export": exp, "jobs": len(states), "html_mb": size / 1e6,
            "images_mb": images / 1e6, "pages": len(html)}


def handouts_made(reports: Path) -> dict:
    pdfs = list(reports.parent.rglob("*.pdf"))
    return {"pdfs": len(pdfs), "pdf_mb": sum(p.stat().st_size for p in pdfs) / 1e6}


def suite() -> tuple[float, dict]:
    """The whole suite as `make test` runs it, with each test's wall and CPU time recorded
    (bench/suite_timer.py): (wall time, where it went)."""
    import suite_timer
    with tempfile.TemporaryDirectory() as times:
        env = {**os.environ, "ALLIANCE_SUITE_TIMES": times,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "bench"), os.environ.get("PYTHONPATH")]))}
        t, before = time.perf_counter(), machine_cpu()
        subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "suite_timer",
                        "-n", "2", "--dist", "loadscope"], check=True, cwd=ROOT, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, after = time.perf_counter() - t, machine_cpu()
        where = suite_timer.summary(times)
        if before and after:  # every process's CPU, the browser's included
            where["busy"], where["idle"] = after[0] - before[0], after[1] - before[1]
        return wall, where


def machine_cpu() -> tuple[float, float] | None:
    """(busy, idle) core-seconds of the whole machine since boot, from /proc/stat (Linux)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    hz = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields) - idle) / hz, idle / hz


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--naive-runs", type=int, default=1, help="the naive route is slow: fewer runs")
    ap.add_argument("--suite", action="store_true", help="also time the whole test suite once")
    ap.add_argument("--plain-worker", action="store_true")
    ap.add_argument("--plain-print-worker", metavar="REPORTS")
    args = ap.parse_args()
    if args.plain_worker:
        plain_worker()
        return
    if args.plain_print_worker:
        plain_print_worker(Path(args.plain_print_worker))
        return
    n_jobs = len(jobs())
    res = {k: [] for k in ("a", "b", "c1", "c", "h", "d", "d_nocache", "e_edit", "e_touch",
                           "f_stamp", "f_full")}
    parts = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            res["a"].append(plain())
            if run < args.naive_runs:
                (tmp / "naive").mkdir()
                res["b"].append(naive(tmp / "naive"))
            nbs = tmp / "notebooks"
            shutil.copytree(ROOT / "notebooks", nbs)
            reports = tmp / "reports"
            res["c1"].append(render(reports, "--force", "--no-handouts", notebooks=nbs))
            parts.append(breakdown(reports))
            res["c"].append(render(reports, "--force", notebooks=nbs))
            parts[-1].update(handouts_made(reports))
            res["h"].append(plain_print(reports))
            res["d"].append(render(reports, notebooks=nbs))
            os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
            res["d_nocache"].append(render(reports, notebooks=nbs))
            del os.environ["PYTHONDONTWRITEBYTECODE"]
            target = nbs / "04_china_angle.ipynb"
            os.utime(target)  # mtime only: content unchanged, nothing to rebuild
            res["e_touch"].append(render(reports, notebooks=nbs))
            nb = json.loads(target.read_text(encoding="utf-8"))
            nb["cells"][0]["source"] = "".join(nb["cells"][0]["source"]) + "\n"  # a real edit
            target.write_text(json.dumps(nb, indent=1), encoding="utf-8")
            res["e_edit"].append(render(reports, notebooks=nbs))
            res["f_stamp"].append(load_tables(True))
            res["f_full"].append(load_tables(False))
        print(f"run {run + 1}: " + ", ".join(f"{k}={v[-1]:.2f}s" for k, v in res.items() if v), flush=True)
    suite_time = suite() if args.suite else None
    write(res, n_jobs, args.runs, parts, suite_time)


def write(res, n_jobs, runs, parts, suite_time) -> None:
    m = {k: median(v) for k, v in res.items() if v}
    from importlib.metadata import version
    versions = ", ".join(f"{p} {version(p)}" for p in ("pandas", "matplotlib", "papermill",
                                                        "nbconvert", "nbclient", "ipykernel"))
    sys.path.insert(0, str(ROOT / "lib"))
    from alliance.render.audiences import PAGES, PRINTS
    rows = [
        ("a", "plain Python, one process, no kernel (the bound)", m["a"]),
        ("b", "naive: papermill CLI + jupyter nbconvert per report, sequential (1 HTML each)", m.get("b")),
        ("c1", f"`python -m alliance render --force --no-handouts` (the pages: {len(PAGES)} "
               f"audiences, {sum(a.notebook for a in PAGES)} handed-out notebooks, 2 workers)", m["c1"]),
        ("c", f"`python -m alliance render --force` (the pages, then {len(PRINTS)} PDF handouts "
              "per report)", m["c"]),
        ("h", "plain: the same handouts typeset one after another in one process", m["h"]),
        ("d", "re-run, nothing changed (right after c)", m["d"]),
        ("d'", "the same with no bytecode cache (`PYTHONDONTWRITEBYTECODE=1`)", m["d_nocache"]),
        ("e", "re-run after editing one notebook (2 reports rebuilt)", m["e_edit"]),
        ("e'", "re-run after touching one notebook's mtime only", m["e_touch"]),
    ]
    p = {k: median([x[k] for x in parts]) for k in parts[0]}
    lines = [
        "# Benchmarks: rendering the reports, loading the data, the test suite",
        "",
        f"Measured by `bench/render.py` on {time.strftime('%Y-%m-%d')}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {versions}. "
        f"{n_jobs} reports (every lesson x every parameter set in notebooks/params.yml). "
        f"Median wall time of {runs} runs (the naive route: {len(res['b'])}); every route in the same run.",
        "",
        "| route | what | median wall time | ratio to (a) |",
        "|---|---|---|---|",
    ]
    lines += [f"| {k} | {what} | {t:.2f} s | {t / m['a']:.2f} |" for k, what, t in rows if t is not None]
    lines += [
        "",
        "Loading every table in a fresh process, after `import pandas`:",
        "",
        "| route | median | ratio |",
        "|---|---|---|",
        f"| full validation (pandera cell checks and every rule; `ALLIANCE_NO_STAMP=1`) | {m['f_full']:.3f} s | 1.00 |",
        f"| validation stamp matches (typed load, no re-check) | {m['f_stamp']:.3f} s | {m['f_stamp'] / m['f_full']:.2f} |",
        "",
        "Where (c)'s time goes (per-job timings recorded by the renderer, summed over the jobs of",
        "both workers; the workers run in parallel, so the sums exceed the wall time):",
        "",
        f"- executing the lessons in warm kernels (including each worker's kernel start and warm-up): {p['execute']:.2f} s",
        f"- exporting every page audience's pages and notebooks, in the worker processes: {p['export']:.2f} s",
        f"- the handouts phase (c minus c1, wall): {m['c'] - m['c1']:.2f} s for {p['pdfs']:.0f} PDFs "
        f"({p['pdf_mb']:.1f} MB); typeset one after another in one process (h): {m['h']:.2f} s",
        f"- output: {p['pages']:.0f} HTML pages, {p['html_mb']:.1f} MB, of which base64 images {p['images_mb']:.1f} MB",
        "",
        "Targets and results:",
        f"- the pages, (c1) within 1.3x of (a): c1/a = {m['c1'] / m['a']:.2f} → {'met' if m['c1'] / m['a'] <= 1.3 else 'NOT met'}",
        f"- everything, (c) against its plain bound (a) + (h): c/(a+h) = {m['c'] / (m['a'] + m['h']):.2f}; "
        f"against (a) alone: c/a = {m['c'] / m['a']:.2f}",
        f"- (d) at most 0.1 s: {m['d']:.3f} s → {'met' if m['d'] <= 0.1 else 'NOT met'}",
        f"- loading every table at most 0.5 s: {m['f_stamp']:.3f} s → {'met' if m['f_stamp'] <= 0.5 else 'NOT met'}",
    ]
    if "b" in m:
        lines.append(f"- (c1) against the naive route (which writes one HTML per report): b/c1 = {m['b'] / m['c1']:.2f}")
    if suite_time is not None:
        wall, where = suite_time
        lines.append(f"- the whole test suite (`pytest -n 2 --dist loadscope`, venv ready) at most "
                     f"150 s: {wall:.0f} s → {'met' if wall <= 150 else 'NOT met'}")
        lines += [
            "",
            f"Where the suite's time goes (bench/suite_timer.py, the same run): each of the two workers "
            f"ran tests for {' and '.join(f'{w:.0f} s' for w in where['workers'])}; the tests used "
            f"{where['cpu']:.0f} s of CPU (the browser's own processes not counted) on "
            f"{os.cpu_count()} cores. By test module (fixtures included; a module runs whole on one worker):",
            "",
            "| module | wall | CPU |",
            "|---|---|---|",
        ]
        lines += [f"| {m} | {w:.0f} s | {c:.0f} s |" for m, (w, c) in where["modules"]]
        lines.append(f"| every other module | {where['rest'][0]:.0f} s | {where['rest'][1]:.0f} s |")
        if "busy" in where:
            cores = os.cpu_count() or 1
            lines += ["", f"The whole machine during the suite (/proc/stat, every process, the browser's "
                      f"included): {where['busy']:.0f} core-seconds busy and {where['idle']:.0f} idle, "
                      f"{100 * where['busy'] / (where['busy'] + where['idle']):.0f}% of {cores} cores. "
                      f"Even with no idle moment, this much work takes {where['busy'] / cores:.0f} s on "
                      f"{cores} cores; 150 s allows {150 * cores} core-seconds."]
    lines += [
        "",
        "Raw times (s): " + "; ".join(f"{k}: " + ", ".join(f"{x:.2f}" for x in v) for k, v in res.items() if v),
        "",
    ]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
