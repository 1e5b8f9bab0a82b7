#!/usr/bin/env bash
# Public pages under load: gunicorn (2 sync workers, as on 2 cores) and wrk with 50 connections,
# each page for DURATION seconds, next to the hello-world view (/healthz, the same middleware
# stack, no database) measured in the same run.
#
#   bench/public_pages.sh                     # SQLite scratch database
#   DATABASE_URL=postgres://intake@127.0.0.1:5432/intake_bench bench/public_pages.sh
#
# Needs wrk (apt-get install wrk). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-50}"
PORT="${PORT:-8123}"
VACANCIES="${VACANCIES:-500}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
scratch=$(mktemp -d)
export INTAKE_ENV=development INTAKE_DEMO=false INTAKE_DOTENV_FILE= SECRET_KEY=bench-only-key
export DATABASE_URL="${DATABASE_URL:-sqlite:///$scratch/bench.sqlite3}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/9}" LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python bench/seed_vacancies.py "$VACANCIES" >&2
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --log-level warning \
  >"$scratch/gunicorn.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
detail=$(.venv/bin/python - <<'PY'
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from intake.programme.models import Vacancy
print(Vacancy.objects.filter(status="published").order_by("reference").first().get_absolute_url())
PY
)
declare -A rps
echo "| page | requests/s | p50 ms | p95 ms | p99 ms | errors | share of hello-world |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for entry in "hello-world:/healthz" "home:/" "vacancy list:/vacancies/" "vacancy list, search + 2 filters:/vacancies/?q=policy&intake=march&telework=yes" "vacancy detail:$detail"; do
  name="${entry%%:*}"; path="${entry#*:}"
  curl -sf -o /dev/null "http://127.0.0.1:$PORT$path" || { echo "$path fails" >&2; exit 1; }
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/percentiles.lua "http://127.0.0.1:$PORT$path" | grep '^RESULT')
  r=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$line"); p95=$(sed -E 's/.*p95=([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$line")
  errors=$(sed -E 's/.*errors=([0-9]+) non2xx=([0-9]+).*/\1+\2/' <<<"$line")
  rps[$name]=$r
  share=$(awk -v a="$r" -v b="${rps[hello-world]}" 'BEGIN { printf "%.0f%%", 100 * a / b }')
  echo "| $name | $r | $p50 | $p95 | $p99 | $errors | $share |"
done

# The same list with the page cache off: what one render costs under load.
kill $server; wait $server 2>/dev/null || true
PUBLIC_PAGE_CACHE_SECONDS=0 .venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
  --log-level warning >"$scratch/gunicorn2.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
line=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/percentiles.lua "http://127.0.0.1:$PORT/vacancies/" | grep '^RESULT')
r=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
p50=$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$line"); p95=$(sed -E 's/.*p95=([0-9.]+).*/\1/' <<<"$line")
p99=$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$line")
errors=$(sed -E 's/.*errors=([0-9]+) non2xx=([0-9]+).*/\1+\2/' <<<"$line")
share=$(awk -v a="$r" -v b="${rps[hello-world]}" 'BEGIN { printf "%.0f%%", 100 * a / b }')
echo "| vacancy list, page cache off (every request rendered) | $r | $p50 | $p95 | $p99 | $errors | $share |"
