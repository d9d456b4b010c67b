"""mlvc-review: revision quiz and sandboxed auto-grader for Machine Learning for Visual Computing."""

__version__ = "0.1.0"
