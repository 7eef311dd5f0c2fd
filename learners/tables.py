"""Report tables: what a report page shows and what its CSV/XLSX export writes.

A report registers a table builder under a name; the page renders the table, and the export
view looks the builder up by the same name and writes the same rows, so a download always
matches the numbers on screen (with the same filters applied).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # text | int | number | percent | date | datetime: how exports and templates format it.
    kind: str = "text"


@dataclass
class Table:
    name: str  # the registered builder's name, used in export URLs
    title: str
    columns: list[Column]
    # Rows in column order. May be a lazy iterator (large exports stream it once).
    rows: Iterable[Sequence[Any]]
    # The number of rows when known without iterating (used to pick streaming vs a task).
    row_count: int | None = None
    # Query-string filters that produced the table, to repeat them in export links.
    params: dict[str, str] = field(default_factory=dict)


# builder(user, params) -> Table; raises ReportError for bad filters.
TableBuilder = Callable[[Any, QueryDict], Table]
TABLE_BUILDERS: dict[str, TableBuilder] = {}


class ReportError(Exception):
    """A filter the report cannot use (end before start, unknown course); the message says
    what to fix."""


def register_table(name: str) -> Callable[[TableBuilder], TableBuilder]:
    def decorator(builder: TableBuilder) -> TableBuilder:
        TABLE_BUILDERS[name] = builder
        return builder

    return decorator
