from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "casework.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # The SQLite file and the data directory readable by their owner only, from the
        # first connection on (casework.site is not an app, so it is connected here).
        from casework.site import security

        security.connect()
