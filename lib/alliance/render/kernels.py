"""Kernels and the engine: one warm kernel per worker process, supervised.

Kernel start-up and the heavy imports (pandas, matplotlib, the lesson modules, the data) are
paid once per worker, not once per notebook; between notebooks the namespace is reset. The
kernel is driven through an asynchronous client, so nbclient's per-cell timeout and its
dead-kernel check work (with a blocking client both can stall forever). A kernel that died,
timed out or failed its warm-up is shut down and replaced before the next job.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import RenderError

WARMUP = ("import pandas, matplotlib\n"
          "from alliance import data, kit\n"
          "from alliance.lessons import china, claims, overview, timeline, treaty, troops\n"
          "data.load_all(); None")
# a fresh namespace for each notebook, and seeded random generators: otter's "passed!" picks
# an emoji at random, and a report that did not change must be the same bytes (its PDF
# handout is then not typeset again); the record of data read starts empty (see `reads`)
RESET = ("%reset -f\n"
         "import random as _r, numpy as _np; _r.seed(0); _np.random.seed(0); del _r, _np\n"
         "from alliance import data as _d; _d.accessed.clear(); _d.accessed_files.clear(); del _d")
# what the notebook just run read, as JSON text (a user expression: no output, no history)
READS = ("__import__('json').dumps({'tables': sorted(__import__('alliance.data').data.accessed), "
         "'files': sorted(__import__('alliance.data').data.accessed_files)})")


class WarmKernel:
    def __init__(self, cwd: Path, env: dict[str, str], startup_timeout: float = 120):
        self.cwd, self.env, self.startup_timeout = cwd, env, startup_timeout
        self.km = None
        self.kc = None           # a blocking client kept open for set-up code (reset, warm-up)
        self.akc = None          # the async client every notebook run reuses (see ensure)
        self.last_nb = None      # the notebook of the latest run, as far as it got

    # -- lifetime ----------------------------------------------------------------------
    def ensure(self) -> None:
        if self.km is not None and self.alive():
            return
        self.shutdown()
        from jupyter_client import AsyncKernelManager, BlockingKernelClient
        from jupyter_core.utils import run_sync
        km = AsyncKernelManager(kernel_name="python3")
        run_sync(km.start_kernel)(cwd=str(self.cwd), env=self.env, stderr=self.log())
        self.km = km
        # parent=km: "is the kernel alive" asks the manager (is its process running?), not the
        # heartbeat, which a busy machine misses for a second and calls a starting kernel dead
        kc = BlockingKernelClient(parent=km)
        kc.load_connection_info(km.get_connection_info())
        kc.start_channels()
        self.kc = kc
        try:
            kc.wait_for_ready(timeout=self.startup_timeout)
            # One async client for every notebook this kernel runs: nbclient would otherwise
            # connect a new one per notebook, whose readiness check (a 1 s kernel_info wait,
            # then the heartbeat) reports a busy machine's kernel as dead.
            akc = km.client()
            akc.start_channels()
            run_sync(akc.wait_for_ready)(timeout=self.startup_timeout)
            self.akc = akc
            self.run_code(WARMUP, timeout=self.startup_timeout)
        except BaseException:
            self.shutdown()  # a failed warm-up never leaves its kernel running
            raise

    def log(self):
        """Where the kernel's stderr goes (its start-up chatter, and the reason it died)."""
        import tempfile
        self._log = tempfile.TemporaryFile()
        return self._log

    def last_words(self) -> str:
        log = getattr(self, "_log", None)
        if log is None:
            return ""
        try:
            log.seek(0)
            lines = [x for x in log.read().decode("utf-8", "replace").splitlines()
                     if x.strip() and "without encryption" not in x]
        except (OSError, ValueError):
            return ""
        return lines[-1][:200] if lines else ""

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync
        try:
            return bool(self.km is not None and run_sync(self.km.is_alive)())
        except Exception:
            return False

    def shutdown(self) -> None:
        if self.km is None:
            return
        from jupyter_core.utils import run_sync
        km, self.km = self.km, None
        for client in (self.kc, self.akc):
            if client is not None:
                try:
                    client.stop_channels()
                except Exception:
                    pass
        self.kc = self.akc = None
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:
            pid = getattr(getattr(km, "provisioner", None), "pid", None)
            if pid:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass

    # -- running code ------------------------------------------------------------------
    def run_code(self, code: str, timeout: float) -> None:
        import queue as _queue
        try:
            reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=lambda msg: None)
        except (TimeoutError, _queue.Empty):
            raise RenderError(f"the kernel did not finish its set-up within {timeout:.0f} s") from None
        if reply["content"]["status"] != "ok":
            c = reply["content"]
            raise RenderError(f"kernel set-up failed: {c.get('ename')}: {c.get('evalue')}")

    def reads(self, timeout: float = 60) -> dict[str, list[str]]:
        """The tables and other data files the last notebook read (recorded by the dataset
        layer as they are read; emptied by RESET before each notebook)."""
        import ast
        import json
        reply = self.kc.execute_interactive("", silent=True, user_expressions={"reads": READS},
                                            timeout=timeout, output_hook=lambda msg: None)
        found = reply["content"].get("user_expressions", {}).get("reads", {})
        if found.get("status") != "ok":
            raise RenderError(f"could not ask the kernel what the notebook read: {found.get('evalue', found)}")
        return json.loads(ast.literal_eval(found["data"]["text/plain"]))

    def execute(self, src: Path, out: Path, values: dict[str, Any], cell_timeout: float):
        """Execute a notebook with papermill in this warm kernel; returns the executed
        notebook. Failures raise RenderError naming the cell by its position."""
        import papermill as pm
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        self.ensure()
        self.run_code(RESET, timeout=60)
        self.last_nb = None
        try:
            return pm.execute_notebook(
                str(src), str(out), parameters=values, engine_name=engine_for(self),
                kernel_name="python3", progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, start_timeout=self.startup_timeout,
                execution_timeout=cell_timeout, cwd=str(self.cwd))
        except pm.PapermillExecutionError as err:
            nb = self.last_nb
            where = describe_cell(nb, failed=True) if nb is not None else f"cell {err.cell_index + 1}"
            raise RenderError(f"{where}: {err.ename}: {(err.evalue or '').splitlines()[0] if err.evalue else ''}") from None
        except DeadKernelError:
            where = describe_cell(self.last_nb) if self.last_nb is not None else "a cell"
            words = self.last_words()
            self.shutdown()
            raise RenderError(f"kernel died while running {where}"
                              + (f"; its last words: {words}" if words else "")) from None
        except (CellTimeoutError, TimeoutError):
            where = describe_cell(self.last_nb) if self.last_nb is not None else "a cell"
            self.shutdown()
            raise RenderError(f"{where} did not finish within {cell_timeout:g} s (--cell-timeout)") from None
        except RenderError:
            raise
        except RuntimeError:
            if not self.alive():
                where = describe_cell(self.last_nb) if self.last_nb is not None else "a cell"
                self.shutdown()
                raise RenderError(f"kernel died while running {where}") from None
            raise


def describe_cell(nb, failed: bool = False) -> str:
    """'cell 12 (the 7th code cell, first line: `x = ...`)': a place a reader can find."""
    target = None
    code_no = 0
    # count as in the source notebook: papermill's injected cell and error markers are not there
    added = {"injected-parameters", "papermill-error-cell-tag"}
    cells = [c for c in nb.cells if not added & set(c.get("metadata", {}).get("tags", []))]
    for i, cell in enumerate(cells):
        if cell.cell_type == "code":
            code_no += 1
        meta = cell.get("metadata", {}).get("papermill", {})
        if failed and meta.get("status") == "failed" or not failed and meta.get("start_time"):
            target = (i, code_no, cell)
            if failed:
                break
    if target is None:
        return "a cell"
    i, k, cell = target
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    if len(first) > 60:
        first = first[:57] + "..."
    return f"cell {i + 1} (the {_ordinal(k)} code cell, first line: `{first}`)"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ENGINES: dict[int, str] = {}


def engine_for(kernel: WarmKernel) -> str:
    """A papermill engine (registered once per kernel) that executes in that warm kernel."""
    key = id(kernel)
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
                kernel.last_nb = nb_man.nb
                client = PapermillNotebookClient(
                    nb_man, km=kernel.km, timeout=execution_timeout,
                    startup_timeout=start_timeout, kernel_name=kernel_name, log_output=log_output,
                    stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
                client.kc = kernel.akc  # connected and ready already (the kernel owns it)
                return client.execute()

        name = f"alliance-warm-{key}"
        papermill_engines.register(name, WarmKernelEngine)
        _ENGINES[key] = name
    return _ENGINES[key]
