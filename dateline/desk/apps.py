from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "dateline.desk"
    label = "desk"
    verbose_name = "Desk"
