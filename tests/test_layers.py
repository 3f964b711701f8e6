"""The layers import only what their docstrings allow: the dataset never reaches into the
lesson kit, the lessons or the renderer; the renderer never imports the kit or the lessons
(they run inside kernels); the catalogue and params stay free of pandas."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib" / "alliance"

# layer -> alliance modules it must not import (anywhere in its files)
FORBIDDEN = {
    "data": ("alliance.kit", "alliance.lessons", "alliance.render", "alliance.catalogue"),
    "kit": ("alliance.render", "alliance.lessons"),
    "lessons": ("alliance.render",),
    "render": ("alliance.kit", "alliance.lessons"),
}
LIGHT = ("catalogue.py", "params.py", "errors.py", "paths.py", "render/jobs.py",
         "render/fingerprint.py", "render/handout.py", "render/store.py", "render/audiences.py", "render/run.py",
         "data/__init__.py", "data/schema")
HEAVY = ("pandas", "pandera", "matplotlib", "nbconvert", "nbclient", "papermill", "numpy")


def imports(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("alliance", *path.relative_to(LIB).parent.parts))
    found = set()
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
                found.add(mod)
                found |= {f"{mod}.{a.name}" for a in node.names}
            else:
                found.add(node.module or "")
    return found


@pytest.mark.parametrize("layer", list(FORBIDDEN))
def test_a_layer_imports_only_what_it_may(layer):
    for path in (LIB / layer).rglob("*.py"):
        bad = {m for m in imports(path) for f in FORBIDDEN[layer] if m == f or m.startswith(f + ".")}
        assert not bad, f"{path.relative_to(LIB)} imports {sorted(bad)}"


def test_light_modules_import_nothing_heavy_at_import_time():
    paths = [p for name in LIGHT for p in ((LIB / name).rglob("*.py") if (LIB / name).is_dir() else [LIB / name])]
    for path in paths:
        bad = {m for m in imports(path, top_level_only=True) if m.split(".")[0] in HEAVY}
        assert not bad, f"{path.relative_to(LIB)} imports {sorted(bad)} at import time"


def test_every_layer_says_what_it_may_import():
    for layer in (*FORBIDDEN, ):
        doc = ast.get_docstring(ast.parse((LIB / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.split("\n\n")[0], f"{layer}/__init__.py: say what it may import"
