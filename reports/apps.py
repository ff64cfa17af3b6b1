from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from candidates.panels import register_person_section
        from jobs.registry import register

        from .documents.jobs import KIND, run_document
        from .documents.panel import person_section

        register(KIND, run_document)
        register_person_section("documents", person_section, order=10)
