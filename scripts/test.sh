#!/usr/bin/env bash
# Every check CI runs, in order. Fails on the first failing step. Run it with `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
started=$(date +%s)

# Some machines set PYTHONDONTWRITEBYTECODE; then every test process (xdist runs several, four
# times) compiles every module again. Compile each once.
unset PYTHONDONTWRITEBYTECODE

step "ruff (lint and format)"
ruff check .
ruff format --check .

step "mypy --strict on the clinical core"
mypy

step "migrations are up to date (makemigrations --check)"
PAINWISE_DATA_DIR="$(mktemp -d)" python manage.py makemigrations --check --dry-run

# pytest exits 5 when it collected no tests; that is a broken suite, not a pass.
run_pytest() {
  local label=$1; shift
  step "tests on $label"
  set +e
  python -m pytest "$@"
  local code=$?
  set -e
  if [ "$code" -eq 5 ]; then echo "FAILED: pytest collected no tests on $label" >&2; exit 1; fi
  if [ "$code" -ne 0 ]; then echo "FAILED: tests on $label (pytest exit $code)" >&2; exit "$code"; fi
}

# One pytest worker per core (pytest-xdist); PAINWISE_TEST_WORKERS=0 runs in one process.
WORKERS=(-n "${PAINWISE_TEST_WORKERS:-auto}")

unset DATABASE_URL
run_pytest "SQLite (the embedded default)" -q -m "not browser" "${WORKERS[@]}"
run_pytest "SQLite: browser tests in headless Chromium" -q -m browser "${WORKERS[@]}"

PG_URL=${PAINWISE_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/painwise}
if python - "$PG_URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].replace("/painwise", "/postgres"), connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not reachable: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
    sys.exit(1)
PY
then
  # In two runs, as on SQLite: pytest-xdist shares the long browser tests out better that way.
  # Tests that cannot reach the database (marked no_db by conftest.py: the pure core, the CLI
  # tests on their own SQLite) gave their answer on SQLite; they are not run again.
  DATABASE_URL="$PG_URL" run_pytest "PostgreSQL ($PG_URL)" -q -m "not browser and not no_db" "${WORKERS[@]}"
  # Browser tests of the page itself (timing, zoom, layout, wording) ran on SQLite; the
  # database changes nothing in them, and they are the slowest (they wait on scripted delays).
  DATABASE_URL="$PG_URL" run_pytest "PostgreSQL: browser tests" -q -m "browser and not page_only and not no_db" "${WORKERS[@]}"
elif [ "${PAINWISE_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "FAILED: PostgreSQL is required here (PAINWISE_REQUIRE_POSTGRES=1) but not reachable at $PG_URL" >&2
  exit 1
else
  step "PostgreSQL leg SKIPPED: no server at $PG_URL (set PAINWISE_TEST_POSTGRES_URL to use another)"
fi

printf '\nAll checks passed in %ss.\n' "$(( $(date +%s) - started ))"
