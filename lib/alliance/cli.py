"""python -m alliance COMMAND: the project's commands."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_validate(args: argparse.Namespace) -> int:
    from . import data
    data_dir = Path(args.data_dir) if args.data_dir else None
    if data_dir is not None and not data_dir.is_dir():
        print(f"--data-dir: {data_dir} is not a folder", file=sys.stderr)
        return 2
    problems = data.validate(data_dir)
    for p in problems:
        print(p)
    shown = data.paths.display_path(data_dir or data.paths.DATA_DIR)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {shown}", file=sys.stderr)
        return 1
    frames = data.load_all(data_dir)
    counts = ", ".join(f"{n} {name}" for name, n in ((k, len(v)) for k, v in frames.items()))
    print(f"ok: {shown} is valid ({counts})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m alliance",
        description="alliance-notebooks: the curated data on the Russia-North Korea alliance, "
                    "and the notebooks built on it.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("validate", help="check every table and report every problem found",
                       description="Check every table of the dataset; print one line per "
                                   "problem (file:line: column: what is wrong) and exit 1 if any.")
    p.add_argument("--data-dir", metavar="DIR", help="folder of CSV tables (default: the project's data/)")
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)
