"""Closing something exactly once, however many people press the button at the same moment."""

from typing import Any

from django.db import models


def set_once(row: models.Model, **values: Any) -> bool:
    """Set ``values`` on ``row`` only if the first of them is still empty, in one conditional
    UPDATE, so that of two people acting at once one wins and the other changes nothing.
    True if this call set them; either way ``row`` then holds what the database holds."""
    first = next(iter(values))
    rows = type(row)._default_manager.filter(pk=row.pk, **{f"{first}__isnull": True})
    if rows.update(**values):
        for name, value in values.items():
            setattr(row, name, value)
        return True
    row.refresh_from_db(fields=list(values))
    return False
