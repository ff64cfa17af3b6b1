from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = "Phát triển đảng viên"

    def ready(self):
        from imports.registry import register_resource
        from units.selectors import register_subtree_counter

        from .resources import CandidateResource, RosterResource
        from .selectors import pipeline_counts_by_prefix

        register_subtree_counter("candidates", pipeline_counts_by_prefix)

        register_resource("candidates", CandidateResource, order=20)
        register_resource("roster", RosterResource, order=30)
