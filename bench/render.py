"""Benchmark of the report build, every route measured in one run on this machine.

    python bench/render.py [--runs 3]       # writes bench/RESULTS.md

Routes (whole-process wall time, median of --runs; every notebook x every parameter set in
notebooks/params.yml):
  a. plain lower bound: the same notebook code with its parameters injected, executed as one
     Python process with no kernel (figures rendered to PNG as the inline backend would);
  b. naive: `papermill` CLI, then `jupyter nbconvert --to html`, per report, sequentially
     (one HTML per report, where the renderer writes three);
  c. `python -m alliance render --force`;
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


def timed(cmd, **kw) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, **kw)
    return time.perf_counter() - t


def jobs():
    sys.path.insert(0, str(ROOT / "lib"))
    from alliance.paramsets import load
    return load(ROOT / "notebooks" / "params.yml")


# a. plain: run in a child process (so imports are counted, as for the other routes)
def plain_worker() -> None:
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
            exec(compile(cell.source, job.slug, "exec"), ns)
            if "parameters" in cell.metadata.get("tags", []):
                ns.update(job.values)  # what papermill's injected cell does
            for num in plt.get_fignums():  # what the inline backend does after each cell
                plt.figure(num).savefig(io.BytesIO(), format="png")
            plt.close("all")


def plain() -> float:
    return timed([PY, __file__, "--plain-worker"])


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--plain-worker", action="store_true")
    args = ap.parse_args()
    if args.plain_worker:
        plain_worker()
        return
    n_jobs = len(jobs())
    res = {k: [] for k in ("a", "b", "c", "d", "e_edit", "e_touch")}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            res["a"].append(plain())
            (tmp / "naive").mkdir()
            res["b"].append(naive(tmp / "naive"))
            nbs = tmp / "notebooks"
            shutil.copytree(ROOT / "notebooks", nbs)
            reports = tmp / "reports"
            res["c"].append(render(reports, "--force", notebooks=nbs))
            res["d"].append(render(reports, notebooks=nbs))
            target = nbs / "04_china_angle.ipynb"
            os.utime(target)  # mtime only: content unchanged, nothing to rebuild
            res["e_touch"].append(render(reports, notebooks=nbs))
            nb = json.loads(target.read_text(encoding="utf-8"))
            nb["cells"][0]["source"] = "".join(nb["cells"][0]["source"]) + "\n"  # a real edit
            target.write_text(json.dumps(nb, indent=1), encoding="utf-8")
            res["e_edit"].append(render(reports, notebooks=nbs))
        print(f"run {run + 1}: " + ", ".join(f"{k}={v[-1]:.2f}s" for k, v in res.items()), flush=True)
    write(res, n_jobs, args.runs)


def write(res, n_jobs, runs) -> None:
    m = {k: median(v) for k, v in res.items()}
    try:
        import importlib.util
        rfc = importlib.util.find_spec("rfc3987_syntax") is not None
    except Exception:
        rfc = False
    from importlib.metadata import version
    versions = ", ".join(f"{p} {version(p)}" for p in ("pandas", "matplotlib", "papermill",
                                                        "nbconvert", "nbclient", "ipykernel"))
    rows = [
        ("a", "plain Python, one process, no kernel (lower bound)", m["a"]),
        ("b", "naive: papermill CLI + jupyter nbconvert per report, sequential (1 HTML each)", m["b"]),
        ("c", "`python -m alliance render --force` (3 HTML + 2 notebooks each, 2 workers)", m["c"]),
        ("d", "re-run, nothing changed", m["d"]),
        ("e", "re-run after editing one notebook (2 reports rebuilt)", m["e_edit"]),
        ("e'", "re-run after touching one notebook's mtime only", m["e_touch"]),
    ]
    lines = [
        "# Benchmark: rendering the reports",
        "",
        f"Measured by `bench/render.py` on {time.strftime('%Y-%m-%d')}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {versions}. "
        f"{n_jobs} reports (every notebook x every parameter set in notebooks/params.yml). "
        f"Median wall time of {runs} runs; every route in the same run. "
        f"rfc3987-syntax importable: {'yes (jupyterlab installed: slower nbformat import)' if rfc else 'no'}.",
        "",
        "| route | what | median wall time | ratio to (a) |",
        "|---|---|---|---|",
    ]
    lines += [f"| {k} | {what} | {t:.2f} s | {t / m['a']:.2f} |" for k, what, t in rows]
    lines += [
        "",
        "Targets and results:",
        f"- (c) within 2.5x of (a): c/a = {m['c'] / m['a']:.2f} → {'met' if m['c'] / m['a'] <= 2.5 else 'NOT met'}",
        f"- (d) under 0.3 s: {m['d']:.3f} s → {'met' if m['d'] < 0.3 else 'NOT met'}",
        f"- (c) at least 3x faster than (b): b/c = {m['b'] / m['c']:.2f} → {'met' if m['b'] / m['c'] >= 3 else 'NOT met'}",
        "",
        "Raw times (s): " + "; ".join(f"{k}: " + ", ".join(f"{x:.2f}" for x in v) for k, v in res.items()),
        "",
    ]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
