from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "painwise.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from painwise.accounts import (
            care,  # noqa: F401 - registers its audit actions
            idempotency,  # noqa: F401 - registers its periodic job
        )
        from painwise.accounts.models import User

        pre_save.connect(_deactivated_revokes_tokens, sender=User)


def _deactivated_revokes_tokens(sender: type, instance: object, **kwargs: object) -> None:
    """An account switched off (in the admin or anywhere) loses its API tokens at once."""
    from painwise.accounts.models import User
    from painwise.accounts.services import revoke_all_tokens

    if not isinstance(instance, User) or instance.pk is None or instance.is_active:
        return
    if User.objects.filter(pk=instance.pk, is_active=True).exists():
        revoke_all_tokens(instance)
