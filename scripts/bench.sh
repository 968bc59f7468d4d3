#!/usr/bin/env bash
# The benchmarks the issues ask for. Each prints its figures; none is a timed test.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> painwise assess on 10,000 intakes"
python bench/bench_assess_cli.py
echo "==> review page and insights with 1,000 patients x 365 days"
python bench/bench_tracking.py
echo "==> Today as the history grows: replaying from the start, and from pacing checkpoints"
python bench/bench_today.py
echo "==> pacing simulation (a model, not evidence)"
python bench/simulate_pacing.py
echo "==> 1,000 left/right pictures (graded motor imagery)"
python bench/bench_gmi.py
echo "==> neurofeedback: per update, CPU, analyze throughput, sample-to-screen delay"
python bench/bench_neuro.py
echo "==> neurofeedback: two live sessions and page loads at once on the make-run server"
python bench/bench_neuro_server.py
echo "==> the daily check-in under load beside a bare Django app (SQLite and PostgreSQL, wrk)"
python bench/bench_checkin_load.py
echo "==> the clinician's workspace: 50 clinicians, 5,000 patients (SQLite and PostgreSQL)"
python bench/bench_clinic.py
echo "==> importing three years of a pain diary"
python bench/bench_diary.py
