from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Việc chạy nền"

    def ready(self):
        from .registry import set_task
        from .tasks import run_job

        set_task(run_job)
