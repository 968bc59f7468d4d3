"""Tables for download."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from painwise.lib.pages import download


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document: the header, then one line a row (the csv module's quoting; None is an
    empty cell)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """The CSV document as a file to save, named ``filename``."""
    return download(csv_text(header, rows), filename, "text/csv; charset=utf-8")
