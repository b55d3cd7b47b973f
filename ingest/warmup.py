"""Imported once by the worker pool's fork server so that every worker inherits a ready model.

Training the shipped sentiment model happens at first use and takes seconds; doing it here, in
the one process the workers are forked from, means it happens once per run instead of once per
worker (and only in runs that have something new to score, since the pool starts lazily).
"""

from analysis import sentiment

sentiment.current_model()
