"""The one task of the queue: run a Job by its id (Django's task framework; django-tasks backport
on Django 5.2, django.tasks from Django 6)."""

try:
    from django.tasks import task
except ImportError:  # Django < 6
    from django_tasks import task

from .services import execute


@task()
def run_job(job_id: int) -> None:
    execute(job_id)
