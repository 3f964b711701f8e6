"""04_china_angle ex2: an otter-grader public test (run with `grader.check("ex2")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import china

OK_FORMAT = False
name = "ex2"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message="Not yet. ex2 should be a Series per year (2023, 2024): KOTRA's total divided by the Chinese customs total, minus 1, times 100, rounded to 1 decimal.")
def test_ex2(ex2, trade):
    assert same(ex2, china.expected_ex2(trade), tol=1e-2)
