"""A pytest plugin for the suite route of bench/render.py: each test's wall time and CPU time
(this process and the children it waited for), one JSON line per test, in the folder named by
$ALLIANCE_SUITE_TIMES. Chromium's processes are not waited for by the test process (the
browser driver is), so the browser tests' CPU is undercounted; their wall time is right."""
from __future__ import annotations

import json
import os
import resource
import time

import pytest


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    folder = os.environ.get("ALLIANCE_SUITE_TIMES")
    t, c = time.perf_counter(), _cpu()
    yield
    if folder:
        with open(os.path.join(folder, f"{os.getpid()}.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps({"test": item.nodeid, "wall": time.perf_counter() - t,
                                "cpu": _cpu() - c}) + "\n")


def summary(folder: str, top: int = 12) -> dict:
    """Per module: wall and CPU seconds (setup, call and teardown of its tests), and per worker
    (one file per pytest-xdist worker) the sum of its tests' wall times."""
    modules: dict[str, list[float]] = {}
    workers = []
    for name in sorted(os.listdir(folder)):
        wall = 0.0
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                m = modules.setdefault(r["test"].split("::")[0], [0.0, 0.0])
                m[0] += r["wall"]
                m[1] += r["cpu"]
                wall += r["wall"]
        workers.append(wall)
    ranked = sorted(modules.items(), key=lambda kv: -kv[1][0])
    return {"modules": ranked[:top], "rest": [sum(v[0] for _, v in ranked[top:]), sum(v[1] for _, v in ranked[top:])],
            "workers": workers, "cpu": sum(v[1] for v in modules.values())}
