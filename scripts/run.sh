#!/usr/bin/env bash
# Serves Intake on http://127.0.0.1:8000 with its background worker; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
$BIN/python manage.py run_worker &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
echo
echo "Intake is starting on http://127.0.0.1:${PORT}/  (Ctrl-C stops the web server and the worker)"
$BIN/python manage.py seed_demo --print-only
$BIN/gunicorn config.wsgi:application --bind "127.0.0.1:${PORT}" --workers "${WEB_CONCURRENCY:-2}" \
  --threads 4 --access-logfile - --log-level warning
