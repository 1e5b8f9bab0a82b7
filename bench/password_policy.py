"""Cost of the password checks on the request path (sign-up, change, reset).

Run: INTAKE_ENV=test .venv/bin/python bench/password_policy.py
Prints p50/p95/max milliseconds of validate_password() per kind of input, and the cost of one
password hash with the production hasher (PBKDF2, Django's default iterations).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("INTAKE_ENV", "test")

import django

django.setup()

from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402
from django.contrib.auth.password_validation import validate_password  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402

from intake.accounts.models import User  # noqa: E402

CASES = {
    "strong, 17 chars": "Brussels-Intern#26",
    "decorated common": "P@ssw0rd2024!",
    "keyboard walk": "Qwerty123456!",
    "64 random chars": "Vx7#qLm2!Rt9$Kp4@Zw8&Hn3*Bc6^Df1%Gs5+Jt0=Mq7~Nr2|Px9?Ly4<Ek8>Ua",
    "128 chars": "Vx7#qLm2!Rt9$Kp4" * 8,
    "repeated char x128": "aA1!" + "a" * 124,
}


def measure(password: str, runs: int = 200) -> list[float]:
    user = User(email="bench.person@example.org", first_name="Bench", last_name="Person")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(ValidationError):
            validate_password(password, user)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    measure("warm-up-Password#1", runs=3)  # loads the 50,000-word lists once
    print(f"{'input':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, password in CASES.items():
        t = sorted(measure(password))
        p95 = t[int(len(t) * 0.95) - 1]
        print(f"{name:<22} {statistics.median(t):8.2f} {p95:8.2f} {t[-1]:8.2f}")
    hasher = PBKDF2PasswordHasher()
    start = time.perf_counter()
    for _ in range(5):
        hasher.encode("Brussels-Intern#26", hasher.salt())
    per_hash = (time.perf_counter() - start) / 5 * 1000
    print(f"one PBKDF2 hash ({hasher.iterations} iterations): {per_hash:.0f} ms")


if __name__ == "__main__":
    main()
