from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "dateline.network"
    label = "network"
    verbose_name = "Network"
