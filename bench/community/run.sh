#!/usr/bin/env bash
# The community board with 10,000 posts (about 1,000 threads over the four topics, one long
# thread), ~300 members, flags and follows, timed in-process against PostgreSQL on this machine,
# and one run of the digest sweep (issue #14).
#
#   bench/community/run.sh                  # POSTS=10000 MEMBERS=300 REPEAT=30
#
# Needs PostgreSQL on 127.0.0.1:5432 (role intake with CREATEDB, as .ci/run sets up). Prints a
# Markdown report (docs/benchmarks.md keeps the figures).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB="${BENCH_DB:-intake_bench_community}"
export INTAKE_ENV=production INTAKE_DEMO=false INTAKE_DOTENV_FILE= SECRET_KEY=bench-only-key-0123456789abcdef
export ALLOWED_HOSTS=testserver,127.0.0.1 INTAKE_HTTPS=false LOG_LEVEL=WARNING
export DATABASE_URL="postgres://intake@127.0.0.1:5432/$DB" REDIS_URL="redis://127.0.0.1:6379/9"
psql -h 127.0.0.1 -U intake -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py createcachetable
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python bench/community/bench.py --posts "${POSTS:-10000}" --members "${MEMBERS:-300}" --repeat "${REPEAT:-30}"
