from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "casework.findings"
    label = "findings"
    verbose_name = _("findings")
