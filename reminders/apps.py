from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Nhắc việc"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from jobs.registry import register

        from .digest import JOB_KIND, run_digest_job

        register(JOB_KIND, run_digest_job)
