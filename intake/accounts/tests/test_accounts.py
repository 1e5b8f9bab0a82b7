from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import GOOD_PASSWORD
from intake.accounts.models import User
from intake.accounts.roles import Role
from intake.core.models import OutboundEmail

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "first_name": "Jonas",
        "last_name": "Maes",
        "email": "jonas@example.org",
        "password1": "Antwerp-Harbour#26",
        "password2": "Antwerp-Harbour#26",
        "language": "fr",
    }
    data.update(overrides)
    return data


def test_signup_creates_an_unverified_account_with_name_and_language(client):
    response = client.post(reverse("account_signup"), signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="jonas@example.org")
    assert (user.first_name, user.last_name, user.language, user.role) == (
        "Jonas",
        "Maes",
        "fr",
        Role.APPLICANT,
    )
    assert user.emailaddress_set.get().verified is False
    email = OutboundEmail.objects.get(to="jonas@example.org")
    assert email.subject == "Votre code pour confirmer votre adresse électronique"


def test_signup_refuses_a_weak_password_keeps_what_was_typed_and_lists_every_rule(client):
    response = client.post(
        reverse("account_signup"), signup_data(password1="weak pass", password2="weak pass")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["password1"]
    assert "The password must include an upper-case letter." in errors
    assert "The password must not contain spaces." in errors
    assert "The password must include a number." in errors
    html = response.content.decode()
    assert 'value="Jonas"' in html and 'value="jonas@example.org"' in html
    assert not User.objects.filter(email="jonas@example.org").exists()


def test_signup_refuses_a_password_built_on_the_name(client):
    response = client.post(
        reverse("account_signup"),
        signup_data(password1="Jonas-Maes#2026x", password2="Jonas-Maes#2026x"),
    )
    assert (
        "The password must not contain your name or email address."
        in response.context["form"].errors["password1"]
    )


def test_signup_with_a_registered_address_reveals_nothing(client, make_user):
    make_user(email="taken@example.org")
    response = client.post(reverse("account_signup"), signup_data(email="taken@example.org"))
    fresh = client.post(reverse("account_signup"), signup_data(email="fresh@example.org"))
    assert (response.status_code, response["Location"]) == (fresh.status_code, fresh["Location"])
    assert User.objects.filter(email="taken@example.org").count() == 1


def test_failed_logins_cool_off_per_account_with_the_same_answer_for_unknown_accounts(
    client, make_user
):
    user = make_user(email="target@example.org")
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": user.email, "password": "Wrong-Password#1"})
        assert response.status_code == 200
    # Even the right password is refused during the cool-off.
    blocked = client.post(url, {"login": user.email, "password": GOOD_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert blocked.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    for _ in range(5):
        client.post(url, {"login": "ghost@example.org", "password": "Wrong-Password#1"})
    ghost = client.post(url, {"login": "ghost@example.org", "password": "Wrong-Password#1"})
    assert ghost.status_code == blocked.status_code
    assert ghost.context["form"].non_field_errors() == blocked.context["form"].non_field_errors()
    # The cool-off ends (the limit lives in the shared cache with a 5-minute window).
    from django.core.cache import cache

    cache.clear()
    client.post(url, {"login": user.email, "password": GOOD_PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_login_with_a_wrong_password_does_not_say_whether_the_account_exists(client, make_user):
    make_user(email="exists@example.org")
    known = client.post(
        reverse("account_login"), {"login": "exists@example.org", "password": "Wrong-Pass#123"}
    )
    unknown = client.post(
        reverse("account_login"), {"login": "nobody@example.org", "password": "Wrong-Pass#123"}
    )
    assert known.context["form"].errors == unknown.context["form"].errors


def test_password_change_applies_the_policy(client, make_user):
    user = make_user(email="change@example.org")
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": GOOD_PASSWORD,
            "password1": "alllowercase12!",
            "password2": "alllowercase12!",
        },
    )
    assert (
        "The password must include an upper-case letter."
        in response.context["form"].errors["password1"]
    )
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": GOOD_PASSWORD,
            "password1": "Leuven-Library#77",
            "password2": "Leuven-Library#77",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Leuven-Library#77")


def test_accounts_created_by_staff_follow_the_policy(make_user):
    from django.contrib.auth.forms import AdminUserCreationForm

    from intake.accounts.admin import UserCreationForm

    assert issubclass(UserCreationForm, AdminUserCreationForm)
    form = UserCreationForm(
        data={
            "email": "new.staff@example.org",
            "first_name": "Nora",
            "last_name": "Claes",
            "language": "en",
            "role": Role.PROGRAMME_OFFICE,
            "password1": "short",
            "password2": "short",
            "usable_password": "true",
        }
    )
    assert not form.is_valid()
    assert "The password must be at least 12 characters long." in form.errors["password2"]
    with pytest.raises(Exception, match="12 characters"):
        from intake.accounts.services import user_create

        user_create(email="x@example.org", password="short", first_name="A", last_name="B")


def test_the_admin_flag_follows_the_role(make_user):
    office = make_user(role=Role.PROGRAMME_OFFICE)
    admin = make_user(role=Role.ADMINISTRATOR)
    applicant = make_user(role=Role.APPLICANT)
    assert (office.is_staff, admin.is_staff, applicant.is_staff) == (False, True, False)


def test_a_role_change_in_the_admin_is_audited(client, make_user):
    from allauth.mfa.totp.internal.auth import TOTP

    admin_user = make_user(role=Role.ADMINISTRATOR)
    TOTP.activate(admin_user, "JBSWY3DPEHPK3PXP")
    client.force_login(admin_user)
    person = make_user(email="promoted@example.org")
    url = f"/admin/accounts/user/{person.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in {"password", "last_login"}
    }
    data.update(
        {
            "role": Role.PROGRAMME_OFFICE,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.role == Role.PROGRAMME_OFFICE
    from intake.core.models import AuditEvent

    event = AuditEvent.objects.get(action="user.role_changed", target_id=str(person.pk))
    assert (event.actor, event.data) == (
        admin_user,
        {"before": "applicant", "after": "programme_office"},
    )
    client.post(url, data)  # saved again without a change of role: no new row
    assert AuditEvent.objects.filter(action="user.role_changed").count() == 1


def _code(client) -> str:
    return client.session["account_email_verification_code"]["code"]


@pytest.mark.parametrize(
    "came_from", ["/vacancies/2027/A-01/", "/apply/", "/apply/2027/?vacancy=3"]
)
def test_after_sign_up_the_person_returns_where_they_came_from(client, came_from):
    """From a vacancy, or "My application" (which asks to log in first): the sign-up form keeps
    the page, through the email code, to the end."""
    page = client.get(reverse("account_signup"), {"next": came_from})
    assert f'value="{came_from}"' in page.content.decode()
    response = client.post(reverse("account_signup"), {**signup_data(), "next": came_from})
    assert response.status_code == 302
    confirmed = client.post(response["Location"], {"code": _code(client)})
    assert confirmed["Location"] == came_from


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_after_sign_up_another_site_is_never_the_return_page(client, elsewhere):
    response = client.post(reverse("account_signup"), {**signup_data(), "next": elsewhere})
    confirmed = client.post(response["Location"], {"code": _code(client)})
    assert confirmed["Location"] == reverse("accounts:dashboard")


def test_the_log_in_page_s_sign_up_link_keeps_the_return_page(client):
    page = client.get(reverse("account_login"), {"next": "/apply/"}).content.decode()
    assert f'href="{reverse("account_signup")}?next=%2Fapply%2F"' in page
    page = client.get(reverse("account_signup"), {"next": "/apply/"}).content.decode()
    assert f'href="{reverse("account_login")}?next=%2Fapply%2F"' in page
    page = client.get(reverse("account_login"), {"next": "https://evil.example/"})
    assert f'href="{reverse("account_signup")}">' in page.content.decode()


def test_the_header_s_sign_up_link_comes_back_to_the_page_it_was_on(client, reference_data):
    page = client.get("/faq/").content.decode()
    assert f'href="{reverse("account_signup")}?next=%2Ffaq%2F"' in page
    # Not from the account pages themselves (the sign-up page would send back to itself).
    page = client.get(reverse("account_login")).content.decode()
    assert f'<li><a href="{reverse("account_signup")}">' in page


def test_the_code_page_speaks_the_chosen_language_for_a_new_and_a_registered_address(
    client, make_user
):
    """Chosen French on English pages: the email code's page is French, and the same for an
    address already registered (the language tells nothing)."""
    make_user(email="taken@example.org")
    for email in ("fresh@example.org", "taken@example.org"):
        other = type(client)(HTTP_ACCEPT_LANGUAGE="en")
        response = other.post(
            reverse("account_signup"), signup_data(email=email, language="fr"), follow=True
        )
        assert response.headers["Content-Language"] == "fr", email
