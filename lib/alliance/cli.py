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


def cmd_render(args: argparse.Namespace) -> int:
    import os

    from . import paths, render
    return render.main(
        params_file=Path(args.params) if args.params else paths.NOTEBOOKS_DIR / "params.yml",
        reports=Path(args.reports) if args.reports else paths.REPORTS_DIR,
        notebooks=Path(args.notebooks) if args.notebooks else paths.NOTEBOOKS_DIR,
        data_dir=paths.DATA_DIR,
        jobs=args.jobs or (os.cpu_count() or 1), force=args.force, only=args.only or [])


def cmd_claimreview(args: argparse.Namespace) -> int:
    from . import claims, data
    from .params import ParameterError
    try:
        c = claims.select(data.claims(), args.article)
        text = claims.claimreview_json(c, data.sources(), args.article, args.url)
    except ParameterError as err:
        message = str(err).replace("parameter 'article'", "--article")
        print(f"claimreview: {message}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"{len(c)} ClaimReview objects written to {args.output}", file=sys.stderr)
    else:
        print(text)
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
    r = sub.add_parser("render", help="execute the notebooks and render HTML reports (report, "
                       "teacher, student) with an index page",
                       description="Execute every notebook with every parameter set in "
                                   "notebooks/params.yml and render reports/<audience>/*.html plus "
                                   "reports/index.html. Unchanged reports are not rebuilt.")
    r.add_argument("--force", action="store_true", help="rebuild every report")
    r.add_argument("--jobs", type=int, metavar="N", help="notebooks run at once (default: one per core)")
    r.add_argument("--only", nargs="+", metavar="NAME", help="only these notebooks (e.g. 01_timeline) "
                   "or sets (e.g. 01_timeline--2025-only)")
    r.add_argument("--params", metavar="FILE", help="parameter sets (default: notebooks/params.yml)")
    r.add_argument("--reports", metavar="DIR", help="output folder (default: reports/)")
    r.add_argument("--notebooks", metavar="DIR", help="notebooks folder (default: notebooks/)")
    r.set_defaults(func=cmd_render)
    c = sub.add_parser("claimreview", help="export an article's claim reviews as schema.org "
                       "ClaimReview JSON-LD",
                       description="Write every claim review of one reviewed article as a JSON "
                                   "list of schema.org ClaimReview objects.")
    c.add_argument("--article", default="src_seed_article_2026-01", metavar="SOURCE_ID",
                   help="the reviewed article (default: the seed article)")
    c.add_argument("--url", metavar="URL", help="where the reviews are published (adds url per claim)")
    c.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    c.set_defaults(func=cmd_claimreview)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)
