#!/usr/bin/env bash
# The deadline rush: 200 applicants against gunicorn + PostgreSQL on this machine, with the
# deadline passing mid-run, next to two ceilings measured in the same run (hello-world, and a
# bare "upload one PDF and insert one row" view), at two sizes of the applications table.
#
#   bench/deadline_rush/run.sh                 # STORED_SIZES="1000 50000" USERS=200
#
# Needs PostgreSQL on 127.0.0.1:5432 (role intake with CREATEDB, as .ci/run sets up) and
# installs locust into .venv (requirements-bench.txt). Prints a Markdown report and keeps the
# raw figures in $OUT (default: bench/deadline_rush/results/).
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS="${USERS:-200}"
SPAWN_RATE="${SPAWN_RATE:-50}"
CEILING_SECONDS="${CEILING_SECONDS:-30}"
RUSH_SECONDS="${RUSH_SECONDS:-60}"        # from the rush's start to the deadline
AFTER_SECONDS="${AFTER_SECONDS:-20}"      # keep going after the deadline
STORED_SIZES="${STORED_SIZES:-1000 50000}"
PORT="${PORT:-8131}"
WORKERS="${WORKERS:-5}"
# The submit phase measures the request; the worker starts after it (its backlog is timed), or
# during it with WORKER_DURING_SUBMIT=true (then it competes for the same 2 cores).
WORKER_DURING_SUBMIT="${WORKER_DURING_SUBMIT:-false}"
OUT="${OUT:-bench/deadline_rush/results}"
DB="${BENCH_DB:-intake_bench}"
mkdir -p "$OUT"
.venv/bin/pip install -q -r requirements-bench.txt 2>&1 | grep -v 'is ignored' || true
scratch=$(mktemp -d)
export INTAKE_ENV=production INTAKE_DEMO=false INTAKE_DOTENV_FILE= SECRET_KEY=bench-only-key-0123456789abcdef
export ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL="http://127.0.0.1:$PORT"
export INTAKE_HTTPS=false
export DATABASE_URL="postgres://intake@127.0.0.1:5432/$DB" REDIS_URL="redis://127.0.0.1:6379/9"
export PRIVATE_MEDIA_ROOT="$scratch/private" INTAKE_BENCH_VIEWS=true LOGIN_RATE_LIMIT="100000/m/ip"
export LOG_LEVEL=WARNING EMAIL_TRANSPORT=devmailbox  # receipts are sent into the database
psql -h 127.0.0.1 -U intake -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py createcachetable
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python - <<'PY'
from fpdf import FPDF
pdf = FPDF(); pdf.set_compression(False); pdf.set_font("helvetica", size=9)
for _ in range(20):  # about 100 KB, uncompressed
    pdf.add_page(); pdf.multi_cell(0, 4, "Certificate of enrolment. " * 150)
open("bench/deadline_rush/sample.pdf", "wb").write(bytes(pdf.output()))
PY

server=""
worker=""
stop_process() {  # pid: asked to stop, killed after 20 s
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
stop_server() {
  if [ -n "$server" ]; then stop_process "$server"; server=""; fi
  if [ -n "$worker" ]; then stop_process "$worker"; worker=""; fi
}
trap 'stop_server; rm -rf "$scratch"' EXIT
start_worker() {
  # The background worker, as in production: it applies each submission (choices, document
  # links, audit row, receipt email with its PDF), at the lowest CPU priority.
  nice -n 19 .venv/bin/python manage.py run_worker >>"$scratch/worker.log" 2>&1 &
  worker=$!
}
start_server() {
  .venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --threads 1 --log-level warning >"$scratch/gunicorn.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.2; done
  echo "gunicorn did not start" >&2; cat "$scratch/gunicorn.log" >&2; exit 1
}
locust_run() {  # scenario seconds tag [extra env...]
  local scenario=$1 seconds=$2 tag=$3
  BENCH_USERS=$USERS BENCH_SCENARIO=$scenario BENCH_COUNTS="$OUT/$tag.counts.json" .venv/bin/locust \
    -f bench/deadline_rush/locustfile.py --headless -u "$USERS" -r "$SPAWN_RATE" -t "${seconds}s" \
    --host "http://127.0.0.1:$PORT" --csv "$OUT/$tag" --only-summary --stop-timeout 10 \
    >"$OUT/$tag.log" 2>&1 || true
}
call_sql() { psql -h 127.0.0.1 -U intake -d "$DB" -Atc "$1"; }
# After a phase: how many submissions the worker still had to apply, and how long it took.
drain() {  # tag
  local waiting started=$SECONDS
  waiting=$(call_sql "SELECT count(*) FROM applications_submission WHERE applied_at IS NULL")
  while [ "$(call_sql "SELECT count(*) FROM applications_submission WHERE applied_at IS NULL")" != 0 ] \
      && [ $(( SECONDS - started )) -lt 600 ]; do sleep 1; done
  echo "waiting=$waiting drained_in=$(( SECONDS - started ))" >"$OUT/$1.drain.txt"
}
# After a bulk load: statistics and a checkpoint now, not autovacuum in the middle of a run.
settle() {
  psql -h 127.0.0.1 -U intake -d "$DB" -qc "VACUUM ANALYZE" >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -d "$DB" -qc "CHECKPOINT" >/dev/null 2>&1 || true
}

for stored in $STORED_SIZES; do
  echo "== $stored applications stored ==" >&2
  .venv/bin/python bench/deadline_rush/seed.py --stored "$stored" --applicants "$USERS" \
    | tee "$OUT/seed-$stored.txt" >&2
  settle
  export BENCH_VACANCIES
  BENCH_VACANCIES=$(call_sql "SELECT json_agg(v.id ORDER BY v.reference) FROM programme_vacancy v JOIN programme_call c ON c.id = v.call_id WHERE c.year = 2090")
  start_server
  [ "$WORKER_DURING_SUBMIT" = true ] && start_worker
  locust_run hello "$CEILING_SECONDS" "hello-$stored"
  locust_run upload "$CEILING_SECONDS" "upload-$stored"
  # Submitting alone: the logins first (about 0.4 s of CPU each), then RUSH_SECONDS of submits.
  login_time=$(( USERS * 35 / 100 + 15 ))  # a password hash costs ~0.36 s of CPU
  export RUSH_START=$(( $(date +%s) + login_time )) DEADLINE=0
  locust_run submit $(( login_time + CEILING_SECONDS )) "submit-$stored"  # starts once all are in
  [ -z "$worker" ] && start_worker
  drain "submit-$stored"
  stop_server
  .venv/bin/python bench/deadline_rush/seed.py --stored "$stored" --applicants "$USERS" >/dev/null
  # (the submit phase's receipts and tasks are not the rush's)
  call_sql "DELETE FROM core_outboundemail; DELETE FROM django_tasks_database_dbtaskresult" >/dev/null
  settle
  start_server
  start_worker
  # The rush: the deadline passes RUSH_SECONDS after the rush starts.
  export RUSH_START=$(( $(date +%s) + login_time ))
  export DEADLINE=$(( RUSH_START + RUSH_SECONDS ))
  call_sql "UPDATE programme_call SET closes_at = to_timestamp($DEADLINE) WHERE year = 2090" >/dev/null
  locust_run rush $(( login_time + RUSH_SECONDS + AFTER_SECONDS )) "rush-$stored"
  drain "rush-$stored"
  sleep 5  # the last receipts leave the outbox
  stop_server
  # Each acknowledged submission applied by the worker and its receipt sent: delays in seconds.
  call_sql "SELECT count(*), count(s.applied_at),
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.applied_at - s.submitted_at))::numeric, 1),
              round(percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM s.applied_at - s.submitted_at))::numeric, 1),
              (SELECT count(*) FROM core_outboundemail WHERE template = 'applications/email/receipt'
                 AND status = 'sent' AND \"to\" LIKE 'bench-%')
            FROM applications_submission s JOIN applications_application a ON a.id = s.application_id
            JOIN programme_call c ON c.id = a.call_id
            WHERE c.year = 2090 AND a.applicant_id IN (SELECT id FROM accounts_user WHERE email LIKE 'bench-%')" \
    >"$OUT/rush-$stored.worker.txt"
  call_sql "SELECT count(*) FILTER (WHERE s.submitted_at <= c.closes_at), count(*) FILTER (WHERE s.submitted_at > c.closes_at)
            FROM applications_submission s JOIN applications_application a ON a.id = s.application_id
            JOIN programme_call c ON c.id = a.call_id
            WHERE c.year = 2090 AND s.key IS NOT NULL AND a.applicant_id IN (SELECT id FROM accounts_user WHERE email LIKE 'bench-%')" \
    >"$OUT/rush-$stored.db.txt"
done
.venv/bin/python bench/deadline_rush/report.py "$OUT" $STORED_SIZES
