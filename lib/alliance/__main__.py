"""Command line: python -m alliance --help"""
from .cli import main

raise SystemExit(main())
