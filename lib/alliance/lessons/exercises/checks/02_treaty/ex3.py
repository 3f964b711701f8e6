"""02_treaty ex3: an otter-grader public test (run with `grader.check("ex3")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import treaty

OK_FORMAT = False
name = "ex3"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex3 should be the title (a string) of the step that waited longest after the one before it; only ratification steps and the entry into force count.')
def test_ex3(ex3, steps):
    assert same(ex3, treaty.expected_ex3(steps))
