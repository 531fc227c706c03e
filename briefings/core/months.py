"""Calendar months as numbers (``index``: months since year 0), for the code that walks them: the
month scopes of an article page (``freshness``), the activity chart of a hub, the month words of
the search index."""

import datetime


def index(day):
    return day.year * 12 + day.month - 1


def first_day(number):
    """The first day of the month ``number`` (an ``index``)."""
    return datetime.date(number // 12, number % 12 + 1, 1)


def add(day, delta):
    """The first day of the month ``delta`` months from ``day``'s."""
    return first_day(index(day) + delta)


def spanned(first, last):
    """How many months from ``first``'s to ``last``'s, both included."""
    return index(last) - index(first) + 1


def first_days(first, last):
    """The first day of every month from ``first``'s to ``last``'s, both included."""
    return [first_day(number) for number in range(index(first), index(last) + 1)]
