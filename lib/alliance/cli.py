"""python -m alliance COMMAND: the project's commands."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_validate(args: argparse.Namespace) -> int:
    from . import data, paths
    if args.data_dir:
        data_dir, how = Path(args.data_dir), "given by --data-dir"
    else:
        try:
            data_dir = paths.data_dir()
        except paths.NoDataDir as err:
            print(f"validate: {err}", file=sys.stderr)
            return 2
        how = paths.data_source()[1]
    shown = paths.display_path(data_dir)
    if not data_dir.is_dir():
        print(f"validate: {shown} is not a folder", file=sys.stderr)
        return 2
    from . import catalogue
    problems = data.validate(data_dir) + data.check_files(
        [f for lesson in catalogue.LESSONS.values() for f in lesson.files], data_dir)
    for p in problems:
        print(p)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    counted = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in
                        ((errors, "error"), (warnings, "warning")) if n)
    if errors:
        print(f"{counted} in {shown} ({how})", file=sys.stderr)
        return 1
    frames = data.load_all(data_dir)
    counts = ", ".join(f"{len(v)} {name}" for name, v in frames.items())
    extra = f"; {counted}" if warnings else ""
    print(f"ok: {shown} ({how}) is valid ({counts}){extra}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render.run import cli_main
    return cli_main(args)


def cmd_claimreview(args: argparse.Namespace) -> int:
    from . import data
    from .errors import ParameterError
    from .lessons import claims
    args.article = args.article or claims.DEFAULT_ARTICLE
    try:
        c = claims.select(data.claims(), args.article)
        text = claims.claimreview_json(c, data.sources(), args.article, args.url)
        if not args.url:
            print("claimreview: urls are relative to reports/report/ (where the claims page is); "
                  "give --url to make them absolute", file=sys.stderr)
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


def _export_data_dir(args: argparse.Namespace) -> Path | None:
    from . import paths
    if args.data_dir:
        return Path(args.data_dir)
    try:
        return paths.data_dir()
    except paths.NoDataDir as err:
        print(f"export: {err}", file=sys.stderr)
        return None


def cmd_export(args: argparse.Namespace) -> int:
    from . import paths
    data_dir = _export_data_dir(args)
    if data_dir is None:
        return 2
    if args.format == "datapackage":
        from .data import package
        path = package.write(data_dir)
        print(f"wrote {paths.display_path(path)} ({len(package.TABLE_NAMES)} resources)",
              file=sys.stderr)
        return 0
    from . import data
    from .data import database
    problems = [p for p in data.validate(data_dir) if p.severity == "error"]
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"export: {len(problems)} errors in {paths.display_path(data_dir)}; "
              "run `python -m alliance validate`", file=sys.stderr)
        return 1
    db = Path(args.output)
    metadata = Path(args.metadata) if args.metadata else db.with_name("metadata.json")
    counts = database.build(data_dir, db, metadata)
    print(f"wrote {paths.display_path(db)} ({sum(counts.values())} rows in {len(counts)} "
          f"tables) and {paths.display_path(metadata)}", file=sys.stderr)
    return 0


def cmd_catalogue(args: argparse.Namespace) -> int:
    from . import catalogue, paths
    table = catalogue.readme_table()
    if not args.write_readme:
        print(table)
        return 0
    readme = paths.PROJECT_ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- lessons: start -->", "<!-- lessons: end -->"
    if start not in text or end not in text:
        print(f"catalogue: {paths.display_path(readme)} has no '{start}' ... '{end}' markers",
              file=sys.stderr)
        return 2
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
    print(f"wrote the lesson table into {paths.display_path(readme)}", file=sys.stderr)
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
    r.add_argument("--force", action="store_true", help="rebuild every report and handout")
    r.add_argument("--no-handouts", action="store_true", help="build the pages only, not the PDF "
                   "handouts (typeset after the pages, seconds each)")
    r.add_argument("--jobs", type=int, metavar="N", help="notebooks run at once (default: one per core)")
    r.add_argument("--only", nargs="+", metavar="NAME", help="only these notebooks (e.g. 01_timeline) "
                   "or sets (e.g. 01_timeline--2025-only)")
    r.add_argument("--params", metavar="FILE", help="parameter sets (default: notebooks/params.yml)")
    r.add_argument("--reports", metavar="DIR", help="output folder (default: reports/)")
    r.add_argument("--notebooks", metavar="DIR", help="notebooks folder (default: notebooks/)")
    r.add_argument("--prune", action="store_true", help="remove the reports of sets that are no "
                   "longer in the parameter file (done by itself only when the whole default "
                   "notebooks/params.yml is rendered)")
    r.add_argument("--cell-timeout", type=float, default=600.0, metavar="SECONDS",
                   help="stop a notebook whose cell runs longer than this (default: 600)")
    r.set_defaults(func=cmd_render)
    c = sub.add_parser("claimreview", help="export an article's claim reviews as schema.org "
                       "ClaimReview JSON-LD",
                       description="Write every claim review of one reviewed article as a JSON "
                                   "list of schema.org ClaimReview objects.")
    c.add_argument("--article", default=None, metavar="SOURCE_ID",
                   help="the reviewed article (default: the seed article)")
    c.add_argument("--url", metavar="URL", help="the address of the published reports/ folder: makes "
                   "every url absolute (each review's url is its claim's anchor on the claims page)")
    c.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    c.set_defaults(func=cmd_claimreview)
    e = sub.add_parser("export", help="write the dataset for other tools: a Frictionless Data "
                       "Package (datapackage) or an SQLite database for Datasette (sqlite)",
                       description="datapackage: write data/datapackage.json from the table "
                                   "declarations (never edit it by hand). sqlite: build an SQLite "
                                   "database with foreign keys and full-text search, and a "
                                   "Datasette metadata.json beside it.")
    e.add_argument("format", choices=("datapackage", "sqlite"))
    e.add_argument("--data-dir", metavar="DIR", help="folder of CSV tables (default: the project's data/)")
    e.add_argument("-o", "--output", default="alliance.db", metavar="FILE",
                   help="sqlite: the database to write (default: alliance.db)")
    e.add_argument("--metadata", metavar="FILE",
                   help="sqlite: Datasette metadata file (default: metadata.json beside the database)")
    e.set_defaults(func=cmd_export)
    k = sub.add_parser("catalogue", help="print the lesson catalogue as the README's table",
                       description="The lessons, as declared in lib/alliance/catalogue.py.")
    k.add_argument("--write-readme", action="store_true",
                   help="write the table into README.md between its lessons markers")
    k.set_defaults(func=cmd_catalogue)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)
