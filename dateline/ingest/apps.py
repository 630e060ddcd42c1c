from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "dateline.ingest"
    label = "ingest"
    verbose_name = "Ingest"

    def ready(self) -> None:
        from dateline.ingest import checks  # noqa: F401  (registers the system checks)
