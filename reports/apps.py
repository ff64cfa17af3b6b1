from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from candidates.privacy import register_anonymizer
        from jobs.registry import register

        from .documents.jobs import KIND, run_document
        from .documents.privacy import scrub_anonymized

        register(KIND, run_document)
        register_anonymizer(scrub_anonymized)
