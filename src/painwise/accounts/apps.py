from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "painwise.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from painwise.accounts import idempotency  # noqa: F401 - registers its periodic job
