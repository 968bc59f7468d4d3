"""What the assessment announces, for higher layers to act on (the program builds the plan).

Both are sent inside the transaction that made the change, so a listener's writes commit or
roll back with it.
"""

from django.dispatch import Signal

# A new assessment result was stored: sent with ``patient`` and ``record``.
assessment_recorded = Signal()
# A clinician (or the patient's own confirmation of a doctor's visit) reopened a program that
# red flags had paused: sent with ``patient`` and ``record``.
program_reopened = Signal()
