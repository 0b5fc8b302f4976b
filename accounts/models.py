from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "Partnership officer"
    MEMBER = "member", "Board member or deputy"
    SCRUTINY = "scrutiny", "Scrutiny councillor"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A person who signs in. What they may do follows from their role and, for
    officers, the partnerships they service (Partnership.officers)."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATOR

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER or self.is_administrator

    @property
    def is_scrutiny(self) -> bool:
        return self.role == Role.SCRUTINY

    def __str__(self) -> str:
        return self.get_full_name() or self.username
