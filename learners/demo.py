"""Demo accounts for the ``seed_demo`` command (never run in production)."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User

DEMO_PASSWORD = "learn-human-security"  # noqa: S105 - printed by seed_demo on purpose

DEMO_ACCOUNTS = [
    {"email": "admin@example.org", "first_name": "Ana", "last_name": "Admin", "role": "admin"},
    {
        "email": "trainer@example.org",
        "first_name": "Tarik",
        "last_name": "Trainer",
        "role": "trainer",
    },
    {
        "email": "learner@example.org",
        "first_name": "Lejla",
        "last_name": "Learner",
        "role": "learner",
    },
]


@transaction.atomic
def seed_accounts() -> dict[str, User]:
    """Create the three demo accounts, verified, with the demo password (idempotent)."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account["email"],
            defaults={
                "first_name": account["first_name"],
                "last_name": account["last_name"],
                "is_staff": account["role"] == "admin",
                "is_superuser": account["role"] == "admin",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
        if account["role"] == "trainer":
            # The group is created by a courses migration: it may edit and submit, not publish.
            user.groups.add(Group.objects.get(name="Trainers"))
        users[account["role"]] = user
    return users
