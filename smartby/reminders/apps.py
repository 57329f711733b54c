from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "smartby.reminders"
    label = "reminders"
    verbose_name = "Smartby reminders"
