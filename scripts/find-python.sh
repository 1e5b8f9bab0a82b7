#!/usr/bin/env sh
# Prints the path of a Python >= 3.12 interpreter (Django 6 needs it), or explains what to install.
for candidate in "${PYTHON:-}" python3.13 python3.12 python3 \
    "$HOME"/.pyenv/versions/3.13*/bin/python3 "$HOME"/.pyenv/versions/3.12*/bin/python3 \
    /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then
    echo "$path"
    exit 0
  fi
done
echo "Intake needs Python 3.12 or newer (Django 6 requires it)." >&2
echo "Install it (e.g. 'apt-get install python3.12 python3.12-venv' or 'pyenv install 3.13') or set PYTHON=/path/to/python3.12." >&2
exit 1
