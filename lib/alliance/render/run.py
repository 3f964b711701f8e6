"""python -m alliance render: the orchestration.

1. Read the parameter sets and check every value before any kernel starts (exit 2).
2. Under the build lock, clean what dead runs left, fingerprint every job, keep the ones whose
   fingerprint changed (a re-run with nothing changed stops here, in a fraction of a second).
3. Validate the data and the ids in the parameters (still before any kernel).
4. Run the jobs in worker processes, one warm kernel each; a worker executes the lesson and
   exports every audience itself, so both cores stay busy. The parent moves finished files
   into place and records each job's state: a failure keeps the last good report.
5. Write the indexes. SIGINT and SIGTERM stop every worker and kernel and leave nothing
   half-written; reports of removed sets are deleted only when asked (see `prune`).
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import AllianceError, ParameterError, RenderError
from . import fingerprint
from .jobs import Job
from .jobs import load as load_jobs
from .store import BuildStore


@dataclass
class Outcome:
    job: Job
    ok: bool
    seconds: float
    message: str = ""


@dataclass
class Settings:
    reports: Path
    notebooks: Path
    data_dir: Path
    workers: int
    force: bool
    cell_timeout: float = 600.0
    startup_timeout: float = 120.0
    handouts: bool = True


def main(params_file: Path, reports: Path, notebooks: Path, data_dir: Path, jobs: int,
         force: bool, only: list[str], prune: bool = False, cell_timeout: float = 600.0,
         out=sys.stderr, handouts: bool = True) -> int:
    t0 = time.perf_counter()

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    store = BuildStore(reports)
    hashes = fingerprint.HashCache(store.build / "hashes.json")
    lib = fingerprint.lib_hash(hashes)
    try:
        all_jobs, jobs_record = read_jobs(params_file, store, hashes, lib)
    except AllianceError as err:
        say(f"render: {err}")
        return 2
    if not all_jobs:
        say(f"render: {paths.display_path(params_file)} lists no parameter sets; nothing to "
            "render (and nothing is removed). Add sets such as `01_timeline:\\n  defaults: {}`.")
        return 2
    missing = sorted({j.notebook for j in all_jobs} - {p.stem for p in notebooks.glob("*.ipynb")})
    if missing:
        say(f"render: {paths.display_path(params_file)} names notebooks that do not exist in "
            f"{paths.display_path(notebooks)}: {', '.join(missing)}")
        return 2
    selected = [j for j in all_jobs if not only or j.notebook in only or j.slug in only]
    if only and not selected:
        say(f"render: --only {' '.join(only)} matches no notebook or set; choose from: "
            + ", ".join(sorted({j.notebook for j in all_jobs})))
        return 2
    settings = Settings(reports, notebooks, data_dir, max(1, jobs), force, cell_timeout,
                        handouts=handouts)
    # stale reports are removed only when the intent is clear: the whole default parameter
    # file was rendered, or --prune was given
    may_prune = prune or (not only and params_file.resolve() == (paths.NOTEBOOKS_DIR / "params.yml").resolve())
    # SIGTERM (timeout, CI cancel, docker stop) is handled like Ctrl-C from here on; once
    # workers run, execute() stops them itself
    from .processes import StopSignals
    stop = StopSignals().install()
    try:
        with store.exclusive(say):
            try:
                return _locked_run(settings, store, all_jobs, selected, may_prune, t0, say,
                                   hashes, lib, jobs_record)
            except RenderError as err:  # the build's own files could not be written (disk full)
                store.clean_scratch()
                say(f"render: {err}")
                return 1
            except KeyboardInterrupt:
                store.clean_scratch()
                raise
    except KeyboardInterrupt:
        say(f"{stop.name}: stopped before any kernel started; finished reports are kept")
        return stop.code
    except OSError as err:  # the bookkeeping folder or its lock cannot be written
        from .store import write_error
        say(f"render: {write_error(err, err.filename or store.build / 'lock')}")
        return 1
    finally:
        stop.restore()


def read_jobs(params_file: Path, store: BuildStore, hashes, lib: str) -> tuple[list[Job], str | None]:
    """The jobs of the parameter file. Parsing and checking them needs yaml and every lesson's
    declarations; when neither the file's bytes nor the library changed since the last run, the
    jobs recorded then are used. Returns the jobs and, if they were parsed afresh, the record to
    write under the lock."""
    key = hashes.digest(params_file) + ":" + lib
    record = store.build / "jobs.json"
    if key.startswith("(missing)"):
        return load_jobs(params_file), None  # raises the error that says what is wrong
    try:
        doc = json.loads(record.read_text(encoding="utf-8"))
        if doc["key"] == key:
            return [Job(n, s, v, tuple(r)) for n, s, v, r in doc["jobs"]], None
    except (OSError, ValueError, KeyError, TypeError):
        pass
    jobs = load_jobs(params_file)
    return jobs, json.dumps({"key": key, "jobs": [[j.notebook, j.set_name, j.values, j.reads]
                                                  for j in jobs]})


def _locked_run(settings: Settings, store: BuildStore, all_jobs: list[Job], selected: list[Job],
                may_prune: bool, t0: float, say, hashes=None, lib: str | None = None,
                jobs_record: str | None = None) -> int:
    notebooks, data_dir, reports, force = (settings.notebooks, settings.data_dir,
                                           settings.reports, settings.force)
    left = store.clean_scratch()
    if left:
        say(f"removed {len(left)} file(s) left by an interrupted run")
    hashes = hashes or fingerprint.HashCache()
    fps = {j: fingerprint.of(j, notebooks / f"{j.notebook}.ipynb", data_dir, hashes, lib)
           for j in selected}
    if jobs_record is not None:
        store.write(store.build / "jobs.json", jobs_record)
    todo = [j for j in selected if not up_to_date(store, j, fps[j], force)]
    outcomes: list[Outcome] = []
    changed = False
    if todo:
        code = preflight(settings, todo, say)
        if code:
            return code
        handle_stale(store, all_jobs, may_prune, say)
        outcomes, code = execute(settings, store, todo, fps, all_jobs, say)
        if code:  # interrupted: execute said so and left nothing half-written
            return code
    else:
        changed = handle_stale(store, all_jobs, may_prune, say)
    from . import handout
    prints = [p for p in handout.prints(store, selected, hashes, fingerprint.packages_hash())
              if force or not handout.up_to_date(store, p)] if settings.handouts else []
    hashes.save(store.write)
    code, typeset, print_failures = print_phase(settings, store, prints, say) if prints else (0, 0, [])
    if code:
        return code
    if not todo and not typeset and not print_failures:  # (handouts that cannot be typeset here were named)
        if changed or not (reports / "index.html").exists():
            write_indexes(store, all_jobs)
        say(f"all {len(selected)} reports up to date in {paths.display_path(reports)} "
            f"(checked in {time.perf_counter() - t0:.2f} s; --force rebuilds)")
        return 0
    write_indexes(store, all_jobs, say)
    failures = [o for o in outcomes if not o.ok]
    for o in failures:
        say(f"FAILED {o.job.label}: {o.message}")
    for message in print_failures:
        say(f"FAILED handout {message}")
    printed = f"; {typeset} handout(s) typeset" if typeset else ""
    say(f"{len(outcomes) - len(failures)} rendered, {len(failures) + len(print_failures)} failed"
        f"{printed} in {time.perf_counter() - t0:.1f} s → "
        f"{paths.display_path(store.reports / 'index.html')}")
    return 1 if failures or print_failures else 0


def print_phase(settings: Settings, store: BuildStore, prints, say) -> tuple[int, int, list[str]]:
    """The handouts, after every page: (exit code if interrupted, else 0; how many were
    typeset; the failures)."""
    from . import handout
    from .processes import StopSignals
    stop = StopSignals().install()
    try:
        return (0, *handout.print_all(store, prints, settings.workers, say))
    except KeyboardInterrupt:
        say(f"{stop.name}: stopped the handout workers; finished reports and handouts are kept")
        return stop.code, 0, []
    finally:
        stop.restore()
        store.clean_scratch()


def outputs(store: BuildStore, job: Job) -> list[Path]:
    """The files a lesson version's worker writes (the handouts have their own records)."""
    from .audiences import PAGES
    return [store.root(a.private) / a.name / name for a in PAGES for name in a.files(job.slug)]


def up_to_date(store: BuildStore, job: Job, fp: str, force: bool) -> bool:
    state = store.read_state(job.slug)
    return (not force and state is not None and state.get("fingerprint") == fp
            and not state.get("failed") and all(p.exists() for p in outputs(store, job)))


def preflight(settings: Settings, todo: list[Job], say) -> int:
    """The data must be valid and every id in the parameters must exist: before any kernel.
    Data whose exact bytes passed a full check with this code (its validation stamp) is not
    checked again: the kernels load it on the same terms."""
    from .. import catalogue, data
    files = [f for j in todo for f in catalogue.LESSONS[j.notebook].files]
    problems = [p for p in data.errors(settings.data_dir) + data.check_files(files, settings.data_dir)
                if p.severity == "error"]
    if problems:
        for p in problems[:50]:
            say(str(p))
        more = " (first 50 shown)" if len(problems) > 50 else ""
        say(f"render: the data in {paths.display_path(settings.data_dir)} has {len(problems)} "
            f"problem(s){more}; fix them first (python -m alliance validate)")
        return 1
    known = data.known_ids(settings.data_dir)
    from .. import params
    for job in todo:
        try:
            params.check_refs(catalogue.LESSONS[job.notebook].params, job.values, known)
        except ParameterError as err:
            say(f"render: {err.within(notebook=job.notebook, set_name=job.set_name)}")
            return 2
    return 0


def handle_stale(store: BuildStore, jobs: list[Job], may_prune: bool, say) -> bool:
    """Reports of sets no longer in the parameter file: removed only when the intent is clear."""
    keep = {j.slug for j in jobs}
    stale = [slug for slug in store.states() if slug not in keep]
    if not stale:
        return False
    if not may_prune:
        say(f"{len(stale)} report(s) belong to sets not in this parameter file and are kept: "
            f"{', '.join(stale)}; `python -m alliance render --prune` removes them")
        return False
    from .audiences import AUDIENCES
    for slug in stale:
        for a in AUDIENCES.values():
            for name in a.files(slug):
                (store.root(a.private) / a.name / name).unlink(missing_ok=True)
        store.state_path(slug).unlink(missing_ok=True)
        (store.failed_dir / f"{slug}.ipynb").unlink(missing_ok=True)
        for record in (store.build / "handouts").glob(f"*--{slug}.json"):
            record.unlink(missing_ok=True)
        (store.reports / "thumbs" / f"{slug}.png").unlink(missing_ok=True)
    # a lesson left without any set loses its teacher's guide page too
    lessons = {j.notebook for j in jobs}
    for page in (store.root(True) / "guide").glob("*.html"):
        if page.stem not in lessons:
            page.unlink()
    say(f"removed the reports of {len(stale)} set(s) no longer in the parameter file: {', '.join(stale)}")
    return True


# -- workers ------------------------------------------------------------------------------

def _worker(settings: Settings, store: BuildStore, jobs_q, results_q) -> None:
    """One worker process: a warm kernel, then job after job until told to stop."""
    import traceback

    from .kernels import WarmKernel
    from .processes import become_worker

    def stop(*_):
        raise SystemExit(143)  # the kernel is shut down on the way out
    become_worker(on_term=stop)
    kernel = WarmKernel(settings.notebooks, {**os.environ, "ALLIANCE_DATA_DIR": str(settings.data_dir)},
                        settings.startup_timeout)
    try:
        while True:
            item = jobs_q.get()
            if item is None:
                return
            job, fp, title = item
            results_q.put(("start", job.slug, os.getpid()))
            t = time.perf_counter()
            try:
                files, info = build(settings, store, kernel, job, fp, title)
                results_q.put(("done", job.slug, True, files, info, time.perf_counter() - t))
            except RenderError as err:
                results_q.put(("done", job.slug, False, str(err), None, time.perf_counter() - t))
            except Exception as err:  # a broken notebook file, an export bug...
                where = traceback.extract_tb(err.__traceback__)[-1]
                msg = f"{type(err).__name__}: {err} ({Path(where.filename).name}:{where.lineno})"
                results_q.put(("done", job.slug, False, msg, None, time.perf_counter() - t))
    finally:
        kernel.shutdown()


def build(settings: Settings, store: BuildStore, kernel, job: Job, fp: str, title: str):
    """Execute one job and export every audience into the job's scratch folder."""
    import datetime as dt

    import nbformat

    from .. import catalogue, data
    from .export import export_job
    scratch = store.job_scratch(job.slug)
    src = settings.notebooks / f"{job.notebook}.ipynb"
    try:
        nbformat.read(src, as_version=4)
    except Exception as err:
        raise RenderError(f"{paths.display_path(src)} is not a readable notebook ({err})") from None
    executed = scratch / "executed.ipynb"
    t0 = time.perf_counter()
    try:
        nb = kernel.execute(src, executed, job.values, settings.cell_timeout)
    except OSError as err:  # papermill could not write the executed notebook
        from .store import write_error
        raise write_error(err, err.filename or executed) from None
    except RenderError:
        if executed.exists():  # keep the partial notebook for the reader of the error
            store.failed_dir.mkdir(parents=True, exist_ok=True)
            store.move_into_place(executed, store.failed_dir / f"{job.slug}.ipynb")
        raise
    executed.unlink(missing_ok=True)
    reads = kernel.reads()
    undeclared = catalogue.LESSONS[job.notebook].undeclared(reads)
    if undeclared:
        raise RenderError(f"it read {', '.join(undeclared)}, which the catalogue does not declare for "
                          f"{job.notebook} (lib/alliance/catalogue.py): a change there would not "
                          "rebuild this report; add it to the lesson's tables or files")
    info = {
        "notebook": job.notebook, "set_name": job.set_name, "slug": job.slug, "title": title,
        "summary": catalogue.LESSONS[job.notebook].summary, "parameters": job.values,
        "fingerprint": fp, "data_version": data.data_version(settings.data_dir), "reads": reads,
        "built_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    t1 = time.perf_counter()
    try:
        files = export_job(store, scratch, job, nb, info)
    except OSError as err:  # a full disk: name the file being written
        from .store import write_error
        written = sorted(scratch.iterdir(), key=lambda p: p.stat().st_mtime_ns)
        raise write_error(err, err.filename or (written[-1] if written else scratch)) from None
    info["timings"] = {"execute": round(t1 - t0, 3), "export": round(time.perf_counter() - t1, 3)}
    return files, info


def execute(settings: Settings, store: BuildStore, todo: list[Job], fps: dict, all_jobs: list[Job],
            say) -> tuple[list[Outcome], int]:
    """Run the jobs in the workers; (outcomes, 0), or 130/143 when interrupted."""
    from .. import catalogue
    titles = {j.notebook: catalogue.notebook_title(settings.notebooks / f"{j.notebook}.ipynb") for j in todo}
    n_workers = min(settings.workers, len(todo))
    from .audiences import PAGES
    say(f"rendering {len(todo)} of {len(all_jobs)} reports with {n_workers} worker(s) × "
        f"{len(PAGES)} audiences (then the handouts)")
    import multiprocessing
    import queue

    # what every worker imports, imported once here: forked workers share it (nbconvert is
    # needed here later for the index; the others cost this process a tenth of a second)
    import jupyter_client  # noqa: F401
    import nbclient  # noqa: F401
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401
    ctx = multiprocessing.get_context("fork")
    jobs_q, results_q = ctx.Queue(), ctx.Queue()
    by_slug = {j.slug: j for j in todo}
    for j in todo:
        jobs_q.put((j, fps[j], titles[j.notebook]))
    for _ in range(n_workers):
        jobs_q.put(None)
    workers = [ctx.Process(target=_worker, args=(settings, store, jobs_q, results_q), daemon=False)
               for _ in range(n_workers)]
    outcomes: list[Outcome] = []
    running: dict[int, tuple[str, float]] = {}  # worker pid -> (slug, started)
    from .processes import StopSignals
    stop = StopSignals().install()
    try:
        from .processes import start_held
        for w in workers:
            start_held(w.start)
        while len(outcomes) < len(todo):
            try:
                msg = results_q.get(timeout=1.0)
            except queue.Empty:
                for w in workers:  # a worker that vanished (killed, out of memory)
                    if not w.is_alive() and w.pid in running:
                        slug, started = running.pop(w.pid)
                        outcomes.append(_failed(store, by_slug[slug], fps, time.perf_counter() - started,
                                                f"the worker process ended unexpectedly (exit {w.exitcode})", say, len(outcomes), len(todo)))
                if not any(w.is_alive() for w in workers) and len(outcomes) < len(todo):
                    for j in todo:
                        if j.slug not in {o.job.slug for o in outcomes}:
                            outcomes.append(_failed(store, j, fps, None, "not run: every worker ended", say, len(outcomes), len(todo)))
                continue
            if msg[0] == "start":
                running[msg[2]] = (msg[1], time.perf_counter())
                continue
            _, slug, ok, payload, info, seconds = msg
            running = {pid: r for pid, r in running.items() if r[0] != slug}
            job = by_slug[slug]
            if ok:
                commit(store, job, payload, info)
                outcomes.append(Outcome(job, True, seconds))
                say(f"[{len(outcomes)}/{len(todo)}] ok     {job.label} ({seconds:.1f} s)")
            else:
                outcomes.append(_failed(store, job, fps, seconds, payload, say, len(outcomes), len(todo)))
        for w in workers:
            w.join(timeout=30)
    except KeyboardInterrupt:
        say(f"{stop.name}: stopping every worker and kernel; finished reports are kept")
        stop_workers(workers)
        store.clean_scratch()
        return outcomes, stop.code
    finally:
        stop.restore()
        stop_workers(workers)
    store.clean_scratch()
    return outcomes, 0


def stop_workers(workers) -> None:
    for w in workers:
        if w.is_alive():
            w.terminate()  # SIGTERM: the worker shuts its kernel down
    deadline = time.monotonic() + 15
    for w in workers:
        if w.pid is None:
            continue
        w.join(timeout=max(0.1, deadline - time.monotonic()))
        if w.is_alive():
            w.kill()
            w.join(timeout=5)


def _failed(store: BuildStore, job: Job, fps: dict, seconds: float | None, message: str, say, k: int, n: int) -> Outcome:
    partial = store.failed_dir / f"{job.slug}.ipynb"
    if partial.exists():
        message += f" (partial notebook: {paths.display_path(partial)})"
    state = store.read_state(job.slug) or {}
    state.update(failed=message, failed_fingerprint=fps[job])
    took = "not started" if seconds is None else f"{seconds:.1f} s"
    say(f"[{k + 1}/{n}] FAILED {job.label} ({took})")
    try:
        store.write_state(job.slug, state)
    except RenderError:  # the run stops on this one: say why the job failed first
        say(f"FAILED {job.label}: {message}")
        raise
    return Outcome(job, False, seconds, message)


def commit(store: BuildStore, job: Job, files: dict[str, str], info: dict) -> None:
    """Move a job's finished files into place, then record its state (last)."""
    from .store import write_error
    for target, tmp in files.items():
        try:
            store.move_into_place(Path(tmp), Path(target))
        except OSError as err:
            raise write_error(err, Path(target)) from None
    (store.failed_dir / f"{job.slug}.ipynb").unlink(missing_ok=True)
    store.write_state(job.slug, info)


def write_indexes(store: BuildStore, jobs: list[Job], say=None) -> None:
    from .index import write_indexes as write
    write(store, jobs, say)


def cli_main(args) -> int:
    return main(
        params_file=Path(args.params) if args.params else paths.NOTEBOOKS_DIR / "params.yml",
        reports=Path(args.reports) if args.reports else paths.REPORTS_DIR,
        notebooks=Path(args.notebooks) if args.notebooks else paths.NOTEBOOKS_DIR,
        data_dir=paths.data_dir(), jobs=args.jobs or (os.cpu_count() or 1), force=args.force,
        only=args.only or [], prune=args.prune, cell_timeout=args.cell_timeout,
        handouts=not args.no_handouts)


def _json(v) -> str:
    return json.dumps(v, ensure_ascii=False)
