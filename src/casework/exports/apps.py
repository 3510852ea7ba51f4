from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "casework.exports"
    label = "exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        from casework.exports.converters import register

        register()
