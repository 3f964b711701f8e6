"""Where a build lives: the published folder, the private folder, and the bookkeeping.

    reports/            what you publish: index.html, report/, student/ (pages only)
    reports-teacher/    teacher material (solutions), never linked from reports/
    .reports.build/     the build's bookkeeping: lock, state per job, scratch

Every file is written in the scratch folder first and renamed into place (atomic on one
filesystem), with the permissions of any file the user creates (umask respected, 0644 by
default). Scratch is emptied at the start of every run (only one run holds the lock, so
anything there belongs to a dead run) and at the end.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from pathlib import Path

from ..errors import RenderError


def write_error(err: OSError, path: Path) -> RenderError:
    """'cannot write FILE: No space left on device': the file, and what to do."""
    from ..paths import display_path
    hint = "; free some space and run again" if err.errno == errno.ENOSPC else ""
    return RenderError(f"cannot write {display_path(Path(path))}: {err.strerror or err}{hint}")


class BuildStore:
    def __init__(self, reports: Path):
        self.reports = Path(reports)
        self.private = self.reports.with_name(self.reports.name + "-teacher")
        self.build = self.reports.with_name("." + self.reports.name + ".build")
        self.state_dir = self.build / "state"
        self.scratch = self.build / "scratch"
        self.failed_dir = self.build / "failed"

    def root(self, private: bool) -> Path:
        return self.private if private else self.reports

    # -- state -------------------------------------------------------------------------
    def state_path(self, slug: str) -> Path:
        return self.state_dir / f"{slug}.json"

    def read_state(self, slug: str) -> dict | None:
        try:
            return json.loads(self.state_path(slug).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_state(self, slug: str, state: dict) -> None:
        self.write(self.state_path(slug), json.dumps(state, indent=1))

    def states(self) -> dict[str, dict]:
        out = {}
        for p in sorted(self.state_dir.glob("*.json")):
            state = self.read_state(p.stem)
            if state is not None:
                out[p.stem] = state
        return out

    # -- files -------------------------------------------------------------------------
    def write(self, path: Path, data: str | bytes) -> None:
        """Write to scratch, then rename into place: never a half-written file. A failure
        (a full disk) removes the scratch copy and raises RenderError naming the file."""
        tmp = self.scratch / f"{os.getpid()}-{path.name}"
        try:
            self.scratch.mkdir(parents=True, exist_ok=True)
            self._write_new(tmp, data)
            self.move_into_place(tmp, path)
        except OSError as err:
            tmp.unlink(missing_ok=True)
            raise write_error(err, path) from None

    @staticmethod
    def _write_new(path: Path, data: str | bytes) -> None:
        # open() honours the umask (mkstemp would make every report 0600)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)

    def move_into_place(self, tmp: Path, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(tmp, path)
        except OSError:  # another filesystem: copy next to the target, then rename
            import shutil
            near = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            try:
                shutil.copyfile(tmp, near)
                os.replace(near, path)
            finally:
                near.unlink(missing_ok=True)
                tmp.unlink(missing_ok=True)

    def job_scratch(self, slug: str) -> Path:
        d = self.scratch / slug
        d.mkdir(parents=True, exist_ok=True)
        return d

    def clean_scratch(self) -> list[str]:
        """Remove what dead runs left (call with the lock held); returns what was removed."""
        left = sorted(str(p.relative_to(self.scratch)) for p in self.scratch.rglob("*")
                      if p.is_file()) if self.scratch.exists() else []
        if self.scratch.exists():
            import shutil
            shutil.rmtree(self.scratch, ignore_errors=True)
        for root in (self.reports, self.private):  # debris of older versions of this tool
            for tmp in root.glob("*/.*.tmp") if root.exists() else ():
                tmp.unlink(missing_ok=True)
                left.append(str(tmp))
        return left

    # -- the lock ----------------------------------------------------------------------
    @contextlib.contextmanager
    def exclusive(self, say):
        """One render at a time per reports folder; a second one waits its turn."""
        self.build.mkdir(parents=True, exist_ok=True)
        with open(self.build / "lock", "a+") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                say("another render is writing to this folder; waiting for it to finish…")
                fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0)
            f.truncate()
            f.write(str(os.getpid()))
            f.flush()
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
