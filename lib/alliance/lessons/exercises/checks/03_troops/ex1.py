"""03_troops ex1: an otter-grader public test (run with `grader.check("ex1")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import troops

OK_FORMAT = False
name = "ex1"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex1 should be the rows of `est` with estimator `ent_nis` and quantity `troops_sent`, keeping the `estimate_id` column.')
def test_ex1(ex1, est):
    assert column_values(ex1, 'estimate_id') == troops.expected_ex1(est)
