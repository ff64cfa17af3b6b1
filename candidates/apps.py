from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = "Phát triển đảng viên"

    def ready(self):
        from imports.registry import register_resource
        from units.selectors import register_subtree_counter
        from units.services import register_close_check, register_merge_handler

        from .resources import CandidateResource, RosterResource
        from .selectors import pipeline_counts_by_prefix
        from .services.exits import merge_handler, open_people_in_subtree

        register_subtree_counter("candidates", pipeline_counts_by_prefix)
        register_merge_handler(merge_handler)
        register_close_check(open_people_in_subtree)

        register_resource("candidates", CandidateResource, order=20)
        register_resource("roster", RosterResource, order=30)
