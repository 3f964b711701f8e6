"""05_claims_check ex1: an otter-grader public test (run with `grader.check("ex1")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import claims

OK_FORMAT = False
name = "ex1"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex1 should be a Series: the mean `rating_value` per topic of `selected` (claims without a rating left out, as `mean` does).')
def test_ex1(ex1, selected):
    assert same(ex1, claims.expected_ex1(selected))
