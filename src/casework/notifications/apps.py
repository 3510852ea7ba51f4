from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "casework.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from casework.notifications import signals

        signals.connect()
