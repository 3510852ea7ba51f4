from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "casework.search"
    verbose_name = "Search"

    def ready(self) -> None:
        from casework.search import signals

        signals.connect()
