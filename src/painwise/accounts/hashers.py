"""Argon2 with its cost as named settings (README, Configuration). Hashes keep the algorithm
name "argon2", so changing the cost needs no migration: a password is re-hashed with the new
cost the next time its owner signs in."""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2Hasher(Argon2PasswordHasher):
    @property
    def time_cost(self) -> int:  # type: ignore[override]
        return int(getattr(settings, "PAINWISE_ARGON2_TIME_COST", 2))

    @property
    def memory_cost(self) -> int:  # type: ignore[override]
        return int(getattr(settings, "PAINWISE_ARGON2_MEMORY_KIB", 102400))

    @property
    def parallelism(self) -> int:  # type: ignore[override]
        return int(getattr(settings, "PAINWISE_ARGON2_PARALLELISM", 8))
