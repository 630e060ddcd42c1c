from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "dateline.pipeline"
    label = "pipeline"
    verbose_name = "Pipeline"

    def ready(self) -> None:
        from dateline.pipeline import handoffs

        handoffs.connect()
