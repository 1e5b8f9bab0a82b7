#!/usr/bin/env sh
# Writes a local .env for `make run` (demo mode on this machine). Never used in production.
key=$(od -An -N48 -tx1 /dev/urandom | tr -d ' \n')
cat <<EOF
# Local settings written by 'make run' (see .env.example for every variable).
INTAKE_ENV=development
INTAKE_DEMO=true
SECRET_KEY=$key
EOF
