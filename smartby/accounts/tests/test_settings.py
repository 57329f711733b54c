from django.conf import settings as django_settings

from smartby import settings as project_settings


def test_passwords_are_hashed_with_argon2_in_production():
    assert (
        project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_password_policy_requires_twelve_characters():
    validators = {v["NAME"].rsplit(".", 1)[1]: v for v in django_settings.AUTH_PASSWORD_VALIDATORS}
    assert validators["MinimumLengthValidator"]["OPTIONS"]["min_length"] == 12
    assert "CommonPasswordValidator" in validators
