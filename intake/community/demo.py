"""Demo data for the community board: a few threads in English and French with replies, written
through the services by the demo interns whose offer is accepted (intake.placements.demo).
Safe to run twice: a board that has threads is left alone."""

from __future__ import annotations

from django.db import transaction

from intake.accounts.models import User
from intake.community import services
from intake.community.membership import ACCEPTED, access_of
from intake.community.models import Member, Thread

# (topic, title, opening post, replies); the authors take turns among the demo interns.
THREADS = [
    (
        "accommodation",
        "Flat share near Schuman or Evere?",
        "Hi all! I start in **March** and I am looking for a room in a flat share.\n\n"
        "- budget around 700 EUR\n- close to the HQ or a tram line\n\nAny tips?",
        [
            "Evere is quiet and close to HQ; bus 12 and tram 62 help. Look on "
            "[Appartager](https://www.appartager.be/) too.",
            "We are two interns with a spare room in Schaerbeek from March: send me a message!",
        ],
    ),
    (
        "arrival",
        "Premier jour au siège : que faut-il apporter ?",
        "Bonjour ! Pour le premier jour, faut-il apporter le passeport *et* l'offre signée ?",
        [
            "Oui : le passeport, l'offre et la confirmation de la date de début. Le badge se fait "
            "le matin même.",
            "Et pensez à la demande de carte d'identité spéciale, à remettre au bureau P&I dès "
            "l'arrivée.",
        ],
    ),
    (
        "brussels_life",
        "Running group on Sunday mornings",
        "Anyone up for a run in the **Parc du Cinquantenaire** on Sundays at 9?",
        ["Count me in!", "Je viens aussi, et on peut finir par un café place Jourdan."],
    ),
    (
        "other",
        "Ouvrir un compte bancaire belge",
        "Quelle banque avez-vous choisie pour recevoir l'allocation de stage ?",
        ["I used an online bank: the account was open in two days."],
    ),
]
NAMES = ["Sam T.", "Jan D.", "Mia P.", "Claire M.", "Hanna M."]


def _members() -> list[User]:
    users = (
        User.objects.filter(applications__placement__state__in=ACCEPTED)
        .distinct()
        .order_by("pk")[: len(NAMES)]
    )
    members = []
    for i, user in enumerate(users):
        if not access_of(user).may_join:
            continue
        if not Member.objects.filter(user=user).exists():
            services.member_join(
                user=user, display_name=NAMES[i], accept_code=True, digest=i % 2 == 0
            )
        if access_of(user).may_post:
            members.append(user)
    return members


def seed_community() -> None:
    """A few threads with replies, a flag pending review; once."""
    if Thread.objects.exists():
        return
    with transaction.atomic():
        users = _members()
        if len(users) < 2:
            return
        turn = 0
        for topic, title, body, replies in THREADS:
            thread = services.thread_start(
                user=users[turn % len(users)], topic=topic, title=title, body=body
            )
            for text in replies:
                turn += 1
                services.reply(user=users[turn % len(users)], thread_id=thread.pk, body=text)
        flagged = Thread.objects.get(title=THREADS[0][1]).posts.order_by("-pk").first()
        flagger = next((u for u in users if flagged and u.pk != flagged.author.user_id), None)
        if flagged is not None and flagger is not None:
            services.post_flag(
                user=flagger, post_id=flagged.pk, reason="Is this an advert? (demo flag)"
            )
