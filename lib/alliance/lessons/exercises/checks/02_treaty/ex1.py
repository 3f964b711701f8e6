"""02_treaty ex1: an otter-grader public test (run with `grader.check("ex1")`)."""
from otter.test_files import test_case

from alliance.lessons.exercises import column_values, same  # noqa: F401
from alliance.lessons.exercises import treaty
from alliance.lessons import treaty as treaty_lesson

OK_FORMAT = False
name = "ex1"


@test_case(points=1, hidden=False, success_message="Right.",
           failure_message='Not yet. ex1 should count how many articles carry each topic: `explode` the `topics` lists first, then `value_counts()`.')
def test_ex1(ex1, articles):
    assert same(ex1, treaty.expected_ex1(treaty_lesson.articles(articles)))
