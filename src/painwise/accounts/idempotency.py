"""Requests that are safe to send twice: the first answer under a key is kept, a retry with
the same key and the same request gets it back, and nothing is stored twice.

The key's row is written in the same transaction as the request's own work, so either both
land or neither does: a retry after a lost answer finds the row (and replays the answer), a
retry after a crash before the commit finds nothing (and does the work, once)."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction

from painwise.accounts.models import IdempotencyKey, User
from painwise.lib import clock
from painwise.lib.jobs import periodic_job


def lifetime() -> dt.timedelta:
    return dt.timedelta(hours=getattr(settings, "PAINWISE_IDEMPOTENCY_HOURS", 24))


def fingerprint(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def claim(user: User, key: str, print_: str) -> IdempotencyKey | None:
    """Claim ``key`` for a new request (returns None), or find the request that already has
    it (returns its row). Call inside the transaction that does the request's work. An expired
    key is forgotten and claimed again."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                IdempotencyKey.objects.create(user=user, key=key, fingerprint=print_)
            return None
        except IntegrityError:
            found = IdempotencyKey.objects.filter(user=user, key=key).first()
            if found is None:
                continue  # removed meanwhile: claim it
            if found.created_at < clock.now() - lifetime():
                found.delete()
                continue
            return found
    raise IntegrityError("could not claim the idempotency key")


def answer(user: User, key: str, status: int, content_type: str, body: bytes) -> None:
    IdempotencyKey.objects.filter(user=user, key=key).update(
        status=status, content_type=content_type[:100], body=body
    )


@periodic_job("idempotency.forget_old_keys")
def forget_old_keys() -> int:
    """Keys older than their lifetime are deleted (a retry that late is a new request)."""
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=clock.now() - lifetime()).delete()
    return deleted
