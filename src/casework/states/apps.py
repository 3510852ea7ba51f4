from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "casework.states"
    label = "states"
    verbose_name = _("States Parties and committees")
