"""Seeds the community board with 10,000 posts (about 1,000 threads of 10 posts over the four
topics, and one long thread), ~300 members with accepted offers, flags, hidden posts, locked
threads and follows, then times the board, its pages, its topic filter and search, a long
thread, the office's moderation queue, and one run of the digest sweep (run by run.sh; #14)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from intake.accounts.models import User  # noqa: E402
from intake.accounts.roles import Role  # noqa: E402
from intake.accounts.services import user_create  # noqa: E402
from intake.applications.models import Application, Profile  # noqa: E402
from intake.community import rendering  # noqa: E402
from intake.community.digest import community_digest_send, members_due  # noqa: E402
from intake.community.models import Flag, Follow, Member, Post, Thread, Topic  # noqa: E402
from intake.core.models import OutboundEmail  # noqa: E402
from intake.placements.calendar import end_date  # noqa: E402
from intake.placements.models import Placement  # noqa: E402
from intake.placements.states import State  # noqa: E402
from intake.programme.models import OrganisationalUnit  # noqa: E402
from intake.programme.services import call_create, vacancy_create, vacancy_set_status  # noqa: E402

TOPICS = [t.value for t in Topic]
SUBJECTS = [
    "Flat share near Schuman", "Studio in Ixelles", "Evere or Schaerbeek?", "Deposit and lease",
    "Colocation à Etterbeek", "Quartier calme près du siège", "Badge on the first day",
    "Arriving by train from Paris", "Bus 12 from the airport", "Bank account in Belgium",
    "Cours de français", "Running club", "Cost of living in Brussels", "Bike or STIB pass?",
    "Chercher un appartement", "Furniture for a few months",
]  # fmt: skip
SENTENCES = [
    "I start in **March** and I am looking for a room for six months.",
    "Rents near *Montgomery* are about 700 euros a month for a room.",
    "Je cherche une colocation à Etterbeek ou à Woluwe, budget 650 euros.",
    "Check the [Internship Guide](https://example.org/guide) first, it explains the lease.",
    "The deposit is usually two months of rent, held on a blocked account.",
    "- bring your passport\n- bring the offer letter\n- bring a photo",
    "> Is the bus from the airport direct?\nYes, line 12 stops at NATO.",
    "Le quartier Saint-Boniface est très vivant mais un peu bruyant le soir.",
    "A STIB pass costs less for people under 25: ask at a KIOSK.",
    "We are three interns looking for a fourth flatmate in Schaerbeek.",
    "Use `commune` only if you are not getting a special identity card.",
    "Merci ! Je vais regarder les annonces sur le site de l'université.",
    "The weather in March is grey: bring a good raincoat.",
    "Est-ce que quelqu'un connaît un club de course à pied près du Cinquantenaire ?",
]  # fmt: skip
RARE = "zanzibarflat"  # a word in one post only: the search's cheapest case
CALL_YEAR = 2089


def bodies(rng: random.Random, n: int) -> list[str]:
    """n distinct bodies of one to four sentences (one of them with the rare word)."""
    out = [f"{rng.choice(SENTENCES)} ({RARE})"]
    while len(out) < n:
        parts = rng.sample(SENTENCES, rng.randint(1, 4))
        out.append("\n\n".join(parts) + f"\n\nThanks, #{len(out)}")
    return out


def seed_members(total: int, rng: random.Random) -> list[Member]:
    """`total` interns with an accepted offer in one call, each a member of the board."""
    now = timezone.now()
    today = timezone.localdate()
    unit = OrganisationalUnit.objects.create(
        code="bench", kind="is_division", name_en="B", name_fr="B"
    )
    call = call_create(
        year=CALL_YEAR, opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=340)
    )
    vacancies = []
    for i in range(10):
        v = vacancy_create(
            call=call, unit=unit, reference=f"C-{i:02d}", title_en=f"V {i}", title_fr=f"P {i}",
            description_en="d", description_fr="d", tasks_en="t", tasks_fr="t",
        )  # fmt: skip
        vacancy_set_status(vacancy=v, to="published")
        vacancies.append(v)
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"m{i}@bench.test", first_name="M", last_name=f"{i:04d}", password=password,
             language="fr" if i % 3 == 0 else "en")
        for i in range(total)
    )  # fmt: skip
    Profile.objects.bulk_create(Profile(user=u, nationalities=["PT"]) for u in users)
    apps = Application.objects.bulk_create(
        Application(
            applicant=u, call=call, stage="interest_confirmed", reference=f"IP89-{i:06d}",
            version=1, submitted_at=now, first_submitted_at=now, eligible=True,
        )
        for i, u in enumerate(users)
    )  # fmt: skip
    start = today + timedelta(days=60)
    Placement.objects.bulk_create(
        Placement(
            application=a, vacancy=vacancies[i % 10], intake="march", state=State.OFFER_ACCEPTED,
            state_since=now, created_at=now, clearance_country="PT", start_date=start,
            end_date=end_date(start),
        )
        for i, a in enumerate(apps)
    )  # fmt: skip
    return Member.objects.bulk_create(
        Member(
            user=u, display_name=f"Intern {i:04d}", accepted_code_at=now, joined_at=now,
            digest=i % 3 != 2,
        )
        for i, u in enumerate(users)
    )  # fmt: skip


def seed_board(members: list[Member], posts: int, big: int, per_thread: int) -> Thread:
    """Threads of `per_thread` posts (and one of `big` posts) making `posts` in all; flags,
    hidden posts, locked threads and follows. Returns the long thread."""
    rng = random.Random(14)
    now = timezone.now()
    pool = bodies(rng, 400)
    html = {body: rendering.render(body) for body in pool}  # rendered once per distinct body
    n_threads = (posts - big) // per_thread + 1
    threads, sizes = [], []
    for i in range(n_threads):
        size = big if i == 0 else per_thread
        # The newest threads were active in the last day (the digest has something to send).
        last = now - timedelta(hours=i * 0.5 + rng.random() * 0.4)
        threads.append(
            Thread(
                topic=TOPICS[i % len(TOPICS)], title=f"{SUBJECTS[i % len(SUBJECTS)]} ({i})",
                author=members[i % len(members)], created_at=last - timedelta(hours=size),
                last_post_at=last, reply_count=size - 1, locked=i % 50 == 7,
            )
        )  # fmt: skip
        sizes.append(size)
    threads = Thread.objects.bulk_create(threads, batch_size=1000)
    rows = []
    for thread, size in zip(threads, sizes, strict=True):
        for j in range(size):
            author = thread.author if j == 0 else members[rng.randrange(len(members))]
            body = pool[rng.randrange(len(pool))]
            rows.append(
                Post(
                    thread=thread, author=author, body=body, body_html=html[body],
                    created_at=thread.created_at + timedelta(hours=j),
                )
            )  # fmt: skip
    # The last post of each thread at its last_post_at exactly
    by_thread: dict[int, Post] = {}
    for post in rows:
        by_thread[post.thread_id] = post
    for thread in threads:
        by_thread[thread.pk].created_at = thread.last_post_at
    Post.objects.bulk_create(rows, batch_size=2000)
    # Flags on 150 posts (one to three members each; three hide the post), 2% locked above.
    flagged = rng.sample(rows, 150)
    flags = []
    for k, post in enumerate(flagged):
        for m in rng.sample(members, 1 + k % 3):
            flags.append(Flag(post=post, member=m, reason="spam?" if k % 2 else "", created_at=now))
    Flag.objects.bulk_create(flags, batch_size=2000, ignore_conflicts=True)
    Post.objects.filter(pk__in=[p.pk for k, p in enumerate(flagged) if k % 3 == 2]).update(
        hidden=True, hidden_reason="flags"
    )
    # Follows: each author their thread, and each member about 12 others; the marks two days back.
    pairs = {(t.author_id, t.pk) for t in threads}
    for m in members:
        for t in rng.sample(threads[:200], 6) + rng.sample(threads, 6):
            pairs.add((m.pk, t.pk))
    mark = now - timedelta(days=2)
    Follow.objects.bulk_create(
        (Follow(member_id=m, thread_id=t, created_at=mark, last_digest_at=mark) for m, t in pairs),
        batch_size=5000,
    )
    return threads[0]


def timed(client: Client, url: str, repeat: int) -> tuple[float, float, int, int]:
    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--big", type=int, default=400, help="posts in the long thread")
    parser.add_argument("--per-thread", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    with transaction.atomic():
        members = seed_members(args.members, random.Random(14))
        long_thread = seed_board(members, args.posts, args.big, args.per_thread)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    office_user = user_create(
        email="office@bench.test", password="Community-Run#2026q", first_name="O",
        last_name="F", language="en", role=Role.PROGRAMME_OFFICE, verified=True,
    )  # fmt: skip
    TOTP.activate(office_user, "JBSWY3DPEHPK3PXP")
    office = Client()
    office.force_login(office_user)
    intern = Client()
    intern.force_login(members[1].user)
    board = "/apply/community/"
    pages = -(-args.big // 50)
    thread = f"/apply/community/{long_thread.pk}/"
    short = Thread.objects.exclude(pk=long_thread.pk).order_by("-last_post_at").first()
    cases = [
        (intern, "board, first page", board),
        (intern, "board, page 20", board + "?page=20"),
        (intern, "board, one topic", board + "?topic=accommodation"),
        (intern, "board, search (common word: 'rent')", board + "?q=rent"),
        (intern, "board, search (rare word, 1 post)", board + f"?q={RARE}"),
        (intern, "board, topic + search", board + "?topic=accommodation&q=schaerbeek"),
        (intern, "a thread of 10 posts", f"/apply/community/{short.pk}/"),
        (intern, f"the long thread ({args.big} posts), page 1", thread),
        (intern, f"the long thread, page {pages} (last)", f"{thread}?page={pages}"),
        (office, "board, as the office", board),
        (office, "the long thread, as the office", thread),
        (office, "moderation queue, first page", "/backoffice/community/"),
        (office, "moderation queue, page 2", "/backoffice/community/?page=2"),
    ]
    rows = [(name, *timed(client, url, args.repeat)) for client, name, url in cases]
    # The digest sweep, once: every member due (the worker calls it on each pass)
    due = len(members_due())
    before = OutboundEmail.objects.count()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        sent = community_digest_send()
    sweep_ms = (time.perf_counter() - start) * 1000
    queued = OutboundEmail.objects.count() - before
    again = community_digest_send()
    print(
        f"\n{Post.objects.count():,} posts in {Thread.objects.count():,} threads over "
        f"{len(TOPICS)} topics (one of {args.big} posts), {len(members):,} members, "
        f"{Flag.objects.count():,} flags on {Flag.objects.values('post').distinct().count()} "
        f"posts, {Follow.objects.count():,} follows; seeded in {seeded:.0f} s; "
        f"{args.repeat} requests each, in-process (Django test client), PostgreSQL:\n"
    )
    print("| request | p50 ms | p95 ms | SQL queries | response KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, p50, p95, count, size in rows:
        print(f"| {name} | {p50:.0f} | {p95:.0f} | {count} | {size / 1024:.0f} |")
    print(
        f"\nDigest sweep, once: {due} members due, {sent} digests queued ({queued} emails) in "
        f"{sweep_ms:.0f} ms and {len(queries)} SQL queries "
        f"({len(queries) / max(sent, 1):.1f} a digest); run again at once: {again} sent."
    )


if __name__ == "__main__":
    main()
