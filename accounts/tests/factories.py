from __future__ import annotations

import factory

from accounts.models import User
from accounts.roles import Role

TEST_PASSWORD = "a-long-enough-test-password"


def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
    if create:
        obj.save()


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.STR_WORKER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    # factory.post_generation is this declaration as an (unannotated) decorator
    saved = factory.PostGeneration(_save)
