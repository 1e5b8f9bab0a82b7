"""Turns the deadline rush's raw results (locust CSVs, counts, database counts) into Markdown.

report.py OUT_DIR SIZE [SIZE ...]
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from pathlib import Path

CEILING_SECONDS = float(os.environ.get("CEILING_SECONDS", "30"))
RUSH_SECONDS = float(os.environ.get("RUSH_SECONDS", "45"))


def rows(out: Path, tag: str) -> dict[str, dict[str, str]]:
    path = out / f"{tag}_stats.csv"
    if not path.exists():
        return {}
    with path.open() as handle:
        return {r["Name"]: r for r in csv.DictReader(handle)}


def num(row: dict[str, str] | None, key: str) -> float:
    try:
        return float((row or {}).get(key) or 0)
    except ValueError:
        return 0.0


def drained(out: Path, tag: str) -> tuple[str, str]:
    path = out / f"{tag}.drain.txt"
    if not path.exists():
        return "?", "?"
    found = dict(part.split("=") for part in path.read_text().split())
    return found.get("waiting", "?"), found.get("drained_in", "?")


def worker_row(out: Path, size: str, stored: str) -> str:
    submit_left, submit_in = drained(out, f"submit-{size}")
    rush_left, rush_in = drained(out, f"rush-{size}")
    path = out / f"rush-{size}.worker.txt"
    cells = path.read_text().strip().split("|") if path.exists() else ["?"] * 5
    total, applied, p50, p95, receipts = cells
    rate = (
        f"{int(submit_left) / int(submit_in):,.0f}"
        if submit_left.isdigit() and submit_in.isdigit() and int(submit_in)
        else "-"
    )
    return (
        f"| {int(stored):,} | {submit_left} | {submit_in} | {rate} | {total} | {applied} "
        f"| {receipts} | {p50} | {p95} | {rush_left} | {rush_in} |"
    )


def main() -> None:
    out = Path(sys.argv[1])
    sizes = sys.argv[2:]
    ceilings = []
    rush = []
    worker: list[str] = []
    summary = {}
    for size in sizes:
        seed = (out / f"seed-{size}.txt").read_text()
        queries = re.search(r"queries_per_submission=(\d+)", seed)
        stored = re.search(r"stored=(\d+)", seed)
        hello = rows(out, f"hello-{size}").get("hello-world")
        upload = rows(out, f"upload-{size}").get("bare upload")
        submit = rows(out, f"submit-{size}").get("submit")
        hello_rps, upload_rps = num(hello, "Requests/s"), num(upload, "Requests/s")
        submit_counts = json.loads((out / f"submit-{size}.counts.json").read_text())
        span = submit_counts["submit_last"] - submit_counts["submit_first"]
        submit_rps = submit_counts.get("submits", 0) / span if span > 0 else 0.0
        ceilings.append(
            f"| {int(stored.group(1)) if stored else size:,} "
            f"| {hello_rps:,.0f} | {upload_rps:,.0f} "
            f"| {submit_rps:,.1f} | {100 * submit_rps / upload_rps if upload_rps else 0:.0f}% "
            f"| {num(submit, '50%'):.0f} | {num(submit, '95%'):.0f} "
            f"| {int(num(submit, 'Failure Count'))} | {queries.group(1) if queries else '?'} |"
        )
        stats = rows(out, f"rush-{size}")
        counts = json.loads((out / f"rush-{size}.counts.json").read_text())
        in_db, late_db = (out / f"rush-{size}.db.txt").read_text().strip().split("|")
        total = stats.get("Aggregated")
        rush_submit = stats.get("submit")
        requests = num(total, "Request Count")
        failures = num(total, "Failure Count")
        rush.append(
            f"| {int(stored.group(1)) if stored else size:,} | {counts['acknowledged']} | {in_db} "
            f"| {late_db} | {counts['refused_after_deadline']} "
            f"| {counts['refused_before_deadline']} "
            f"| {100 * failures / requests if requests else 0:.2f}% ({int(failures)}) "
            f"| {num(rush_submit, '50%'):.0f} | {num(rush_submit, '95%'):.0f} "
            f"| {num(total, 'Requests/s'):,.0f} | {counts['acknowledged'] / RUSH_SECONDS:,.1f} "
            f"| {counts['logins_failed']} |"
        )
        summary[size] = submit_rps
        worker.append(worker_row(out, size, stored.group(1) if stored else size))
    print(
        "Ceilings and the submit request alone (200 signed-in users, no pause between requests):\n"
    )
    print(
        "| applications stored | hello-world req/s | bare upload req/s | submit req/s "
        "| submit / bare upload | submit p50 ms | submit p95 ms | submit errors "
        "| SQL queries per submission |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(ceilings))
    print(
        "\nThe rush (200 applicants; log in, then form, autosave, upload, review, submit, with a "
        "2-6 s pause after each step, editing and resubmitting; the deadline passes mid-run):\n"
    )
    print(
        "| applications stored | submissions acknowledged | found in the database "
        "| accepted after the deadline | refused after the deadline "
        "| sent over 1 s before the deadline, reached a worker after it | error rate "
        "| submit p50 ms | submit p95 ms | requests/s | submissions/s | failed logins |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rush))
    print(
        "\nThe worker (lowest CPU priority, same 2 cores) applies each submission: choices, "
        "document links, audit row, receipt email with its PDF. It starts after the submit "
        "phase (unless WORKER_DURING_SUBMIT=true) and runs during the rush:\n"
    )
    print(
        "| applications stored | to apply after the submit phase | applied in (s) | per second "
        "| rush: submissions | applied | receipts sent | applied after (s), p50 | p95 "
        "| left when the rush stopped | applied in (s) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(worker))
    if len(sizes) == 2 and summary[sizes[0]]:
        print(
            f"\nSubmit throughput at {int(sizes[1]):,} stored / at {int(sizes[0]):,}: "
            f"{100 * summary[sizes[1]] / summary[sizes[0]]:.0f}%"
        )


if __name__ == "__main__":
    main()
