"""04_china_angle ex1: an otter-grader public test (run with `grader.check("ex1")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import china

OK_FORMAT = False
name = "ex1"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex1 should be one number: the 2019 Chinese customs total divided by the 2021 one.')
def test_ex1(ex1, trade):
    assert same(ex1, china.expected_ex1(trade), tol=1e-3)
