"""What tracking announces, for higher layers to act on.

Sent inside the transaction that made the change, so a listener's writes commit or roll back
with it.
"""

from django.dispatch import Signal

# Check-ins were stored or changed on days that may lie further back than a typed-in entry can
# be dated (an imported diary, an edit of an imported row): sent with ``patient`` and
# ``first``, the earliest local date changed. The program drops what it derived from those days.
checkins_changed = Signal()
