"""The signal discipline of the renderer's worker processes (the lesson workers and the
handout pool): the parent alone decides when to stop, a fork never loses a signal, and a
worker whose parent died (even by SIGKILL) stops itself."""
from __future__ import annotations

import os
import signal
import time

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def start_held(start):
    """Fork with SIGINT and SIGTERM held: a signal that arrives during a fork is delivered to
    the parent once the child exists (Python would otherwise run the parent's handler inside
    fork's own callbacks, which swallow the KeyboardInterrupt, or in the child). The child
    sets its own handlers, then releases them (`become_worker`)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        return start()
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


class StopSignals:
    """In the parent, from `install()` to `restore()`: SIGINT and SIGTERM raise
    KeyboardInterrupt and are remembered; `code` is the exit status to give (130, or 143 for
    SIGTERM), `name` how to say it. (Restored in the caller's `finally`, so a second signal
    during the clean-up is handled the same way.)"""

    def __init__(self):
        self.signal = None
        self._old = {}

    def _on_signal(self, signum, _frame):
        self.signal = signum
        raise KeyboardInterrupt

    def install(self) -> "StopSignals":
        self._old = {s: signal.signal(s, self._on_signal) for s in STOP_SIGNALS}
        return self

    def restore(self) -> None:
        for s, h in self._old.items():
            signal.signal(s, h)

    @property
    def code(self) -> int:
        return 143 if self.signal == signal.SIGTERM else 130

    @property
    def name(self) -> str:
        return "SIGTERM" if self.signal == signal.SIGTERM else "interrupt"


def become_worker(on_term=signal.SIG_DFL) -> None:
    """In a freshly forked worker: ignore SIGINT, handle SIGTERM with `on_term`, release the
    signals held over the fork, and watch the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, on_term)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    watch_parent(os.getppid())


def watch_parent(parent: int) -> None:
    """If the parent dies (even by SIGKILL), stop this worker and its kernel."""
    import threading

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os.kill(os.getpid(), signal.SIGTERM)
                return
    threading.Thread(target=watch, daemon=True).start()
