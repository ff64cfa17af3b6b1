from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Hệ thống"

    def ready(self):
        from jobs.services import CONTEXT_HOOKS

        from .logs import request_id, user_id

        def job_log_context(rid, uid):
            request_id.set(rid)
            user_id.set(uid)

        CONTEXT_HOOKS.append(job_log_context)
