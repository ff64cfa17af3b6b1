from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from jobs.registry import register

        from .documents.jobs import KIND, run_document

        register(KIND, run_document)
