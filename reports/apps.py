from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from candidates.panels import register_person_section
        from candidates.privacy import register_anonymizer
        from jobs.registry import register

        from .documents.jobs import KIND, run_document
        from .documents.panel import person_section
        from .documents.privacy import scrub_anonymized

        register(KIND, run_document)
        register_person_section("documents", person_section, order=10)
        register_anonymizer(scrub_anonymized)
