"""python -m alliance render: execute every notebook with every parameter set and render
the HTML reports for three audiences, plus an index page.

- Parameter sets are checked before any kernel starts (exit 2 on a bad one).
- A report is rebuilt only when its fingerprint changed (notebook, parameters, the data files
  it reads, the library, the package versions); the up-to-date check imports nothing heavy.
- Notebooks run in parallel, one warm kernel per worker: kernel start-up and the heavy imports
  are paid once per worker, not once per notebook. Between notebooks the kernel's namespace
  is reset.
- Every file is written to a temporary name and renamed into place, so a failure or Ctrl-C
  never leaves a half-written report; a failed notebook's partial output goes to
  reports/_failed/ and the previous good report stays.
- A lock file serialises two renders started at once.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import fingerprint, params, paths
from .paramsets import Job, ParamSetError, load as load_jobs

AUDIENCES = ("report", "teacher", "student")
BANNER_TAG = "alliance-banner"
WARMUP = ("import pandas, matplotlib.pyplot\n"
          "from alliance import data, lesson, plots, timeline, treaty\n"
          "data.load_all(); None")
RESET = "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"


@dataclass
class Outcome:
    job: Job
    ok: bool
    seconds: float
    message: str = ""


class Renderer:
    def __init__(self, reports: Path, notebooks: Path, data_dir: Path, jobs: int, force: bool,
                 out=sys.stderr):
        self.reports, self.notebooks, self.data_dir = reports, notebooks, data_dir
        self.workers = max(1, jobs)
        self.force = force
        self.out = out
        self.state_dir = reports / ".state"
        self._local = threading.local()
        self._kernels = []
        self._lock = threading.Lock()
        self._temps: set[Path] = set()
        self.stopping = False

    # -- bookkeeping -------------------------------------------------------------------
    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def state_path(self, job: Job) -> Path:
        return self.state_dir / f"{job.slug}.json"

    def read_state(self, job: Job) -> dict | None:
        try:
            return json.loads(self.state_path(job).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def outputs(self, job: Job) -> list[Path]:
        out = [self.reports / a / f"{job.slug}.html" for a in AUDIENCES]
        return out + [self.reports / a / f"{job.slug}.ipynb" for a in ("teacher", "student")]

    def up_to_date(self, job: Job, fp: str) -> bool:
        state = self.read_state(job)
        return (not self.force and state is not None and state.get("fingerprint") == fp
                and not state.get("failed") and all(p.exists() for p in self.outputs(job)))

    def write_atomic(self, path: Path, data: str | bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:  # no new file once an interrupt is being handled
            if self.stopping:
                raise KeyboardInterrupt
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            tmp = Path(tmp)
            self._temps.add(tmp)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
            os.replace(tmp, path)
        finally:
            with self._lock:
                self._temps.discard(tmp)
            if tmp.exists():
                tmp.unlink()

    # -- kernels -----------------------------------------------------------------------
    def kernel(self):
        km = getattr(self._local, "km", None)
        if km is None:
            from jupyter_client import KernelManager
            km = KernelManager(kernel_name="python3")
            km.start_kernel(cwd=str(self.notebooks),
                            env={**os.environ, "ALLIANCE_DATA_DIR": str(self.data_dir)})
            with self._lock:
                self._kernels.append(km)
            self._run_code(km, WARMUP, timeout=300)
            self._local.km = km
        return km

    @staticmethod
    def _run_code(km, code: str, timeout: float) -> None:
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                c = reply["content"]
                raise RuntimeError(f"kernel set-up failed: {c.get('ename')}: {c.get('evalue')}")
        finally:
            kc.stop_channels()

    def shutdown(self) -> None:
        for km in self._kernels:
            with contextlib.suppress(Exception):
                km.shutdown_kernel(now=True)
        self._kernels.clear()

    # -- one job -----------------------------------------------------------------------
    def run(self, job: Job, fp: str, title: str) -> Outcome:
        import nbformat
        import papermill as pm
        start = time.perf_counter()
        km = self.kernel()
        self._run_code(km, RESET, timeout=60)
        self._local.current = km
        src = self.notebooks / f"{job.notebook}.ipynb"
        tmp_dir = self.reports / ".executing"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        executed = tmp_dir / f"{job.slug}.{os.getpid()}.{threading.get_ident()}.ipynb"
        with self._lock:
            self._temps.add(executed)
        try:
            try:
                pm.execute_notebook(str(src), str(executed), parameters=job.values,
                                    engine_name=_engine_name(self), kernel_name="python3",
                                    progress_bar=False, log_output=False, start_timeout=120,
                                    execution_timeout=600)
            except pm.PapermillExecutionError as err:
                failed = self.reports / "_failed" / f"{job.slug}.ipynb"
                if executed.exists():
                    self.write_atomic(failed, executed.read_bytes())
                msg = (f"cell {err.exec_count}: {err.ename}: {err.evalue.splitlines()[0] if err.evalue else ''}"
                       f" (partial notebook: {paths.display_path(failed)})")
                self._record_failure(job, fp, msg)
                return Outcome(job, False, time.perf_counter() - start, msg)
            nb = nbformat.read(executed, as_version=4)
            self.export(job, nb, fp, title)
            return Outcome(job, True, time.perf_counter() - start)
        finally:
            with self._lock:
                self._temps.discard(executed)
            executed.unlink(missing_ok=True)

    def _record_failure(self, job: Job, fp: str, msg: str) -> None:
        state = self.read_state(job) or {}
        state.update(failed=msg, failed_fingerprint=fp)
        self.write_atomic(self.state_path(job), json.dumps(state, indent=1))

    def export(self, job: Job, nb, fp: str, title: str) -> None:
        import copy

        import nbformat
        from . import data
        spec = params.NOTEBOOKS[job.notebook]
        info = {
            "notebook": job.notebook, "set_name": job.set_name, "slug": job.slug, "title": title,
            "summary": spec.summary, "parameters": job.values, "fingerprint": fp,
            "data_version": data.data_version(self.data_dir),
            "built_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        }
        files: dict[Path, str] = {}
        for audience in AUDIENCES:
            version = copy.deepcopy(nb)
            _set_audience(version, audience)
            if audience != "teacher":
                version.cells = [c for c in version.cells
                                 if "solution" not in c.metadata.get("tags", [])]
            version.cells.insert(0, _banner(info, audience))
            html = _exporter(audience).from_notebook_node(
                version, resources={"metadata": {"name": title}})[0]
            files[self.reports / audience / f"{job.slug}.html"] = _relink(html, ".html")
            if audience != "report":
                version.cells = version.cells[1:]  # the handed-out notebook has no banner
                files[self.reports / audience / f"{job.slug}.ipynb"] = _relink(
                    nbformat.writes(version), ".ipynb")
        for path, text in files.items():
            self.write_atomic(path, text)
        self.write_atomic(self.state_path(job), json.dumps(info, indent=1))


# -- helpers used by the renderer -------------------------------------------------------

_ENGINES: dict[int, str] = {}


def _engine_name(renderer: Renderer) -> str:
    """A papermill engine that executes in the calling worker's warm kernel."""
    key = id(renderer)
    if key not in _ENGINES:
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NBClientEngine, papermill_engines

        class WarmKernelEngine(NBClientEngine):
            @classmethod
            def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                         stdout_file=None, stderr_file=None, start_timeout=60,
                                         execution_timeout=None, **kwargs):
                for k in ("input_path", "timeout", "startup_timeout"):
                    kwargs.pop(k, None)
                client = PapermillNotebookClient(
                    nb_man, km=renderer._local.current, timeout=execution_timeout,
                    startup_timeout=start_timeout, kernel_name=kernel_name, log_output=log_output,
                    stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
                try:
                    return client.execute()
                finally:
                    if client.kc is not None:
                        client.kc.stop_channels()

        name = f"alliance-warm-{key}"
        papermill_engines.register(name, WarmKernelEngine)
        _ENGINES[key] = name
    return _ENGINES[key]


_EXPORTERS: dict[str, object] = {}
_EXPORT_LOCK = threading.Lock()


def _exporter(audience: str):
    """One HTML exporter per audience, built once (template loading is the slow part)."""
    with _EXPORT_LOCK:
        if audience not in _EXPORTERS:
            from nbconvert import HTMLExporter
            from nbconvert.preprocessors import TagRemovePreprocessor
            from traitlets.config import Config
            c = Config()
            c.TagRemovePreprocessor.remove_input_tags = {BANNER_TAG}
            c.TagRemovePreprocessor.remove_cell_tags = {"solution"} if audience != "teacher" else set()
            c.HTMLExporter.exclude_input = audience == "report"
            c.HTMLExporter.exclude_input_prompt = audience == "report"
            c.HTMLExporter.exclude_output_prompt = True
            c.HTMLExporter.extra_template_basedirs = [str(Path(__file__).parent / "templates" / "nbconvert")]
            c.HTMLExporter.template_name = "alliance"
            exp = HTMLExporter(config=c)
            exp.register_preprocessor(TagRemovePreprocessor(config=c), enabled=True)
            _EXPORTERS[audience] = exp
        return _EXPORTERS[audience]


def _relink(text: str, ext: str) -> str:
    """Links between lessons ('02_treaty.ipynb') point at the rendered default version
    ('02_treaty--defaults.html' or '.ipynb') in the same audience folder."""
    import re
    return re.sub(r"\((\d\d_[a-z_]+)\.ipynb\)|href=\"(\d\d_[a-z_]+)\.ipynb\"",
                  lambda m: (f"({m[1]}--defaults{ext})" if m[1] else f'href="{m[2]}--defaults{ext}"'),
                  text)


def _set_audience(nb, audience: str) -> None:
    """Record the audience in papermill's injected-parameters cell, so a handed-out notebook
    says whom it is for (the audience changes how it is rendered, not what it computes)."""
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            lines = [l for l in cell.source.splitlines() if not l.startswith("audience = ")]
            cell.source = "\n".join(lines + [f'audience = "{audience}"'])


def _banner(info: dict, audience: str):
    """A small header (escaped HTML) naming the set, the parameters, data and build."""
    import html

    import nbformat
    esc = html.escape
    links = " · ".join(
        (f"<strong>{a}</strong>" if a == audience else f'<a href="../{a}/{esc(info["slug"])}.html">{a}</a>')
        for a in AUDIENCES)
    values = "; ".join(f"<code>{esc(k)}</code> = {esc(json.dumps(v, ensure_ascii=False))}"
                       for k, v in info["parameters"].items() if k != "audience")
    body = (f'<div class="alliance-banner" style="font-size:0.85em;color:#555;border-bottom:1px solid #ddd;'
            f'padding-bottom:0.5em"><a href="../index.html">All reports</a> · {links}<br>'
            f'Parameter set “{esc(info["set_name"])}”: {values}<br>'
            f'Data version <code>{esc(info["data_version"])}</code> · build <code>{esc(info["fingerprint"])}</code>'
            f' · {esc(info["built_at"])}</div>')
    cell = nbformat.v4.new_code_cell(source="", metadata={"tags": [BANNER_TAG]})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": body})]
    return cell


def notebook_title(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def write_index(reports: Path, jobs: list[Job], renderer: Renderer) -> None:
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    entries = []
    for job in jobs:
        state = renderer.read_state(job)
        if not state or "fingerprint" not in state:
            continue  # never built successfully: nothing to link to
        state = {**state, "failed": state.get("failed", "")}
        state["parameters"] = {k: json.dumps(v, ensure_ascii=False)
                               for k, v in state["parameters"].items() if k != "audience"}
        entries.append(state)
    versions = sorted({e["data_version"] for e in entries})
    html = env.get_template("index.html.j2").render(
        entries=entries, audiences=AUDIENCES, data_version=", ".join(versions) or "—",
        built_at=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    renderer.write_atomic(reports / "index.html", html)


def remove_stale(reports: Path, jobs: list[Job]) -> list[str]:
    """Delete reports of parameter sets that no longer exist."""
    keep = {j.slug for j in jobs}
    removed = []
    for state in (reports / ".state").glob("*.json"):
        if state.stem not in keep:
            for f in [state, *(reports / a / f"{state.stem}{ext}" for a in AUDIENCES
                               for ext in (".html", ".ipynb"))]:
                if f.exists():
                    f.unlink()
            removed.append(state.stem)
    return removed


@contextlib.contextmanager
def exclusive(reports: Path, out):
    """One render at a time per reports folder; a second one waits its turn."""
    reports.mkdir(parents=True, exist_ok=True)
    with open(reports / ".lock", "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another render is writing to this folder; waiting for it to finish…",
                  file=out, flush=True)
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def main(params_file: Path, reports: Path, notebooks: Path, data_dir: Path, jobs: int,
         force: bool, only: list[str], out=sys.stderr) -> int:
    t0 = time.perf_counter()
    try:
        all_jobs = load_jobs(params_file)
    except ParamSetError as err:
        print(f"render: {err}", file=out)
        return 2
    missing = sorted({j.notebook for j in all_jobs} - {p.stem for p in notebooks.glob("*.ipynb")})
    if missing:
        print(f"render: {paths.display_path(params_file)} names notebooks that do not exist in "
              f"{paths.display_path(notebooks)}: {', '.join(missing)}", file=out)
        return 2
    selected = [j for j in all_jobs if not only or j.notebook in only or j.slug in only]
    if only and not selected:
        print(f"render: --only {' '.join(only)} matches no notebook or set; choose from: "
              + ", ".join(sorted({j.notebook for j in all_jobs})), file=out)
        return 2
    renderer = Renderer(reports, notebooks, data_dir, jobs, force, out)
    with exclusive(reports, out):
        fps = {j: fingerprint.of(j, notebooks / f"{j.notebook}.ipynb", data_dir) for j in selected}
        todo = [j for j in selected if not renderer.up_to_date(j, fps[j])]
        if not todo:
            removed = remove_stale(reports, all_jobs)
            if removed or not (reports / "index.html").exists():
                write_index(reports, all_jobs, renderer)
            renderer.say(f"all {len(selected)} reports up to date in {paths.display_path(reports)} "
                         f"(checked in {time.perf_counter() - t0:.2f} s; --force rebuilds)")
            return 0
        return _execute(renderer, todo, fps, all_jobs, t0)


def _execute(renderer: Renderer, todo: list[Job], fps: dict, all_jobs: list[Job], t0: float) -> int:
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from . import data
    problems = data.validate(renderer.data_dir)
    if problems:
        for p in problems:
            print(p, file=renderer.out)
        renderer.say(f"render: the data has {len(problems)} problem(s); fix them first "
                     "(python -m alliance validate)")
        return 1
    from . import lesson
    known = lesson.known_ids(renderer.data_dir)
    for job in todo:  # ids in parameter sets must exist: still before any kernel starts
        try:
            params.check_refs(job.notebook, job.values, known)
        except params.ParameterError as err:
            print(f"render: set {job.set_name!r}: {err}", file=renderer.out)
            return 2
    remove_stale(renderer.reports, all_jobs)  # only once every check has passed
    titles = {j.notebook: notebook_title(renderer.notebooks / f"{j.notebook}.ipynb") for j in todo}
    renderer.say(f"rendering {len(todo)} of {len(all_jobs)} reports with {min(renderer.workers, len(todo))} "
                 f"worker(s) × {len(AUDIENCES)} audiences")
    outcomes: list[Outcome] = []
    pool = ThreadPoolExecutor(max_workers=min(renderer.workers, len(todo)))
    try:
        futures = {pool.submit(renderer.run, j, fps[j], titles[j.notebook]): j for j in todo}
        for k, fut in enumerate(as_completed(futures), 1):
            job = futures[fut]
            try:
                outcome = fut.result()
            except Exception as err:  # a kernel that died, a broken notebook file...
                outcome = Outcome(job, False, 0.0, f"{type(err).__name__}: {err}")
                renderer._record_failure(job, fps[job], outcome.message)
            outcomes.append(outcome)
            mark = "ok" if outcome.ok else "FAILED"
            renderer.say(f"[{k}/{len(todo)}] {mark:6} {job.label} ({outcome.seconds:.1f} s)")
        pool.shutdown(wait=True)
    except KeyboardInterrupt:
        renderer.say("interrupted: stopping every kernel; finished reports are kept, "
                     "nothing half-written is left")
        with renderer._lock:
            renderer.stopping = True
            for tmp in list(renderer._temps):
                tmp.unlink(missing_ok=True)
        pool.shutdown(wait=False, cancel_futures=True)
        renderer.shutdown()
        with contextlib.suppress(OSError):
            (renderer.reports / ".executing").rmdir()
        sys.stdout.flush()
        sys.stderr.flush()
        # Worker threads may still be blocked on the kernels just killed; everything on
        # disk is complete, so leave without waiting for them.
        os._exit(130)
    finally:
        renderer.shutdown()
        with contextlib.suppress(OSError):
            (renderer.reports / ".executing").rmdir()  # only if empty
    write_index(renderer.reports, all_jobs, renderer)
    failures = [o for o in outcomes if not o.ok]
    for o in failures:
        print(f"FAILED {o.job.label}: {o.message}", file=renderer.out)
    renderer.say(f"{len(outcomes) - len(failures)} rendered, {len(failures)} failed in "
                 f"{time.perf_counter() - t0:.1f} s → {paths.display_path(renderer.reports / 'index.html')}")
    return 1 if failures else 0
