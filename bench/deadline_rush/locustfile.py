"""Locust scenarios for the deadline rush (run by bench/deadline_rush/run.sh).

BENCH_SCENARIO picks one:
- hello:  GET /healthz (the hello-world ceiling: the whole middleware stack, no database);
- upload: the bare "upload one PDF and insert one row" view (the upload ceiling);
- submit: signed-in applicants submitting again and again (the submit request alone);
- rush:   applicants log in, then at RUSH_START fill their letters (autosave), upload a
          document, review and submit, and keep editing and resubmitting while the deadline
          (DEADLINE, epoch seconds) passes. After it, every submit must be refused.
Counts are written to BENCH_COUNTS (JSON) when the run stops.
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid
from pathlib import Path

import gevent
from locust import FastHttpUser, between, constant, events, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "rush")
YEAR = os.environ.get("BENCH_YEAR", "2090")
RUSH_START = float(os.environ.get("RUSH_START", "0"))
DEADLINE = float(os.environ.get("DEADLINE", "0"))
PASSWORD = "Bench-Applicant#2026"
PDF = (Path(__file__).with_name("sample.pdf")).read_bytes()
COUNTS = {
    "acknowledged": 0,
    "acknowledged_after_deadline_by_client_clock": 0,
    "refused_after_deadline": 0,
    "refused_before_deadline": 0,
    "unexpected": 0,
    "logins_failed": 0,
    "logged_in": 0,
    "submit_first": 0.0,
    "submit_last": 0.0,
}
THINK = (float(os.environ.get("THINK_MIN", "2")), float(os.environ.get("THINK_MAX", "6")))
_next_user = iter(range(10**6))


@events.test_stop.add_listener
def _write_counts(environment, **_kw):
    path = os.environ.get("BENCH_COUNTS")
    if path:
        Path(path).write_text(json.dumps(COUNTS))


def _csrf(client) -> str:
    return next((c.value for c in client.cookiejar if c.name == "csrftoken"), "")


def _multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Applicant(FastHttpUser):
    abstract = True

    def log_in(self) -> None:
        self.n = next(_next_user)
        self.client.get("/accounts/login/", name="login page")
        response = self.client.post(
            "/accounts/login/",
            {
                "login": f"bench-{self.n}@bench.test",
                "password": PASSWORD,
                "csrfmiddlewaretoken": _csrf(self.client),
            },
            allow_redirects=False,
            name="login",
        )
        if response.status_code != 302:
            COUNTS["logins_failed"] += 1
        COUNTS["logged_in"] += 1

    def wait_for_the_start(self) -> None:
        """Everybody starts together, once every user has logged in (and not before RUSH_START)."""
        users = int(os.environ.get("BENCH_USERS", "1"))
        while COUNTS["logged_in"] < users or time.time() < RUSH_START:
            gevent.sleep(0.2)

    def submit(self) -> None:
        sent = time.time()
        with self.client.post(
            f"/apply/{YEAR}/review",
            {"key": str(uuid.uuid4()), "declaration": "on", "consent": "on"},
            headers={"X-CSRFToken": _csrf(self.client)},
            allow_redirects=False,
            name="submit",
            catch_response=True,
        ) as response:
            done = time.time()
            COUNTS["submit_first"] = COUNTS["submit_first"] or done
            COUNTS["submit_last"] = done
            COUNTS["submits"] = COUNTS.get("submits", 0) + 1
            if response.status_code == 302 and response.headers.get("Location", "").endswith(
                "/receipt"
            ):
                COUNTS["acknowledged"] += 1
                if DEADLINE and sent > DEADLINE + 1:
                    COUNTS["acknowledged_after_deadline_by_client_clock"] += 1
                response.success()
            elif response.status_code == 409:
                # Refused because the deadline passed: expected after it, a failure before it.
                if DEADLINE and sent >= DEADLINE - 1:
                    COUNTS["refused_after_deadline"] += 1
                    response.success()
                else:
                    # Sent before the deadline by this client's clock, but it reached a worker
                    # after it (queued): refused by the arrival rule. Counted and reported.
                    COUNTS["refused_before_deadline"] += 1
                    response.success()
            else:
                COUNTS["unexpected"] += 1
                response.failure(f"status {response.status_code}")


if SCENARIO == "hello":

    class Hello(FastHttpUser):
        wait_time = constant(0)

        @task
        def hello(self) -> None:
            self.client.get("/healthz", name="hello-world")

elif SCENARIO == "upload":

    class BareUpload(FastHttpUser):
        wait_time = constant(0)

        def on_start(self) -> None:
            self.client.get("/bench/bare-upload", name="bare upload (token)")

        @task
        def upload(self) -> None:
            body, content_type = _multipart({}, "cv.pdf", PDF)
            self.client.post(
                "/bench/bare-upload",
                data=body,
                headers={"X-CSRFToken": _csrf(self.client), "Content-Type": content_type},
                name="bare upload",
            )

elif SCENARIO == "submit":

    class SubmitOnly(Applicant):
        wait_time = constant(0)

        def on_start(self) -> None:
            self.log_in()
            self.wait_for_the_start()

        @task
        def submit_again(self) -> None:
            self.submit()

else:

    class RushApplicant(Applicant):
        # Each step is followed by a pause (THINK_MIN to THINK_MAX seconds): reading, typing,
        # ticking the declaration. A whole round takes a user about 16 s.
        wait_time = between(*THINK)

        def on_start(self) -> None:
            self.log_in()
            self.uploaded = False
            self.round = 0
            self.wait_for_the_start()
            gevent.sleep(random.uniform(0, THINK[1]))  # people do not click in step

        def think(self) -> None:
            gevent.sleep(random.uniform(*THINK))

        @task
        def apply(self) -> None:
            self.round += 1
            self.client.get(f"/apply/{YEAR}/", name="application form")
            self.think()
            letter = f"Round {self.round}.\nWhy this vacancy.\nWhat I bring.\nWhat I hope to learn."
            sent = time.time()
            with self.client.post(
                f"/apply/{YEAR}/autosave",
                {"choice-INITIAL_FORMS": "0"} | self.choices(letter),
                headers={"X-CSRFToken": _csrf(self.client)},
                name="autosave",
                catch_response=True,
            ) as response:
                if response.status_code == 200 or (
                    response.status_code == 409 and DEADLINE and sent >= DEADLINE - 1
                ):
                    response.success()
                else:
                    response.failure(f"status {response.status_code}")
            self.think()
            if not self.uploaded:
                body, content_type = _multipart({"kind": "other", "language": "en"}, "c.pdf", PDF)
                self.client.post(
                    "/apply/documents/",
                    data=body,
                    headers={"X-CSRFToken": _csrf(self.client), "Content-Type": content_type},
                    allow_redirects=False,
                    name="upload document",
                )
                self.uploaded = True
                self.think()
            self.client.get(f"/apply/{YEAR}/review", name="review")
            self.think()
            self.submit()

        def choices(self, letter: str) -> dict[str, str]:
            return {
                "choice-TOTAL_FORMS": "2",
                "choice-0-vacancy": self.vacancy(0),
                "choice-0-letter": letter,
                "choice-1-vacancy": self.vacancy(1),
                "choice-1-letter": letter,
            }

        def vacancy(self, offset: int) -> str:
            ids = json.loads(os.environ["BENCH_VACANCIES"])
            return str(ids[(self.n + offset) % len(ids)])
