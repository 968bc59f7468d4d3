"""Seed a benchmark database: PATIENTS patients with DAYS days of check-ins each, plus one
patient with a single day and one with three years, each with an API token. Writes the tokens
(one per line; the first two are the one-day and three-year patients) to OUT."""

import datetime as dt
import sys

from painwise.cli import setup_django


def main(patients: int, days: int, out: str) -> None:
    setup_django()
    from painwise.accounts.models import ApiToken, Role, User
    from painwise.tracking.models import CheckIn

    def person(n: int, history: int) -> str:
        user = User.objects.create_user(
            email=f"load{n}@bench.example",
            password=None,
            display_name=f"Load {n}",
            role=Role.PATIENT,
            time_zone="UTC",
        )
        today = dt.date.today()
        CheckIn.objects.bulk_create(
            [
                CheckIn(
                    patient=user,
                    local_date=today - dt.timedelta(days=d),
                    pain_now=4 + d % 3,
                    pain_average=4 + d % 4,
                    stress=d % 10,
                    sleep_quality=(d * 7) % 11,
                )
                for d in range(1, history + 1)
            ],
            batch_size=2000,
        )
        return ApiToken.issue(user, "bench")[1]

    tokens = [person(0, 1), person(1, 3 * 365)]
    tokens += [person(n, days) for n in range(2, patients + 2)]
    with open(out, "w") as handle:
        handle.write("\n".join(tokens) + "\n")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
