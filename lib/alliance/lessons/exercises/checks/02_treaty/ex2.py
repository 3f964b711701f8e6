"""02_treaty ex2: an otter-grader public test (run with `grader.check("ex2")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import treaty

OK_FORMAT = False
name = "ex2"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex2 should be the rows of `clauses` whose `automaticity` is `automatic`, with the `treaty_id` and `year_signed` columns.')
def test_ex2(ex2, clauses):
    assert column_values(ex2, 'treaty_id') == treaty.expected_ex2(clauses)
