"""The one error type services raise when a rule says no.

A service checks its rules and raises ``DomainError`` with a message for the person and,
where one field is at fault, that field's name. Each edge maps it to its own answer: a page
shows the message beside the field (or at the top), the API answers with its error shape
(``conflict`` when the state forbids the action, ``bad_request`` otherwise), and the command
line prints one line and exits non-zero. Nothing is saved when one is raised.
"""


class DomainError(ValueError):
    """A clear, user-facing reason why nothing was done."""

    # "invalid": the input breaks a rule; "conflict": the person's current state forbids it
    # (for example a new intake while a red-flag result waits for a clinician).
    kind = "invalid"

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class ConflictError(DomainError):
    kind = "conflict"
