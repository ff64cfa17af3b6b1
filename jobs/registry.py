"""Runners by job kind. An app above registers its runners in AppConfig.ready:

    register("imports.confirm", run_confirm)

A runner is called as runner(job, progress) in the worker; it reports with progress(done, total,
message), raises JobFailed("lý do bằng tiếng Việt") for an expected failure and returns a JobResult."""

from collections.abc import Callable
from dataclasses import dataclass

_RUNNERS: dict[str, Callable] = {}


@dataclass
class JobResult:
    message: str = ""
    url: str = ""
    file: str = ""  # a path relative to settings.JOBS_RESULT_DIR


class JobFailed(Exception):
    """An expected failure: its text (Vietnamese) is what the user reads."""


def register(kind: str, runner: Callable) -> None:
    _RUNNERS[kind] = runner


def runner(kind: str) -> Callable:
    try:
        return _RUNNERS[kind]
    except KeyError:
        raise JobFailed(f"Không có loại việc «{kind}» (phần mềm đã được nâng cấp?).") from None


# The queue's one task (jobs.tasks.run_job), set by JobsConfig.ready: the services enqueue it through
# here, so that the task module may import the services without a circle.
_TASK = None


def set_task(task) -> None:
    global _TASK
    _TASK = task


def job_task():
    if _TASK is None:
        raise RuntimeError("jobs.tasks has not been loaded (is 'jobs' in INSTALLED_APPS?)")
    return _TASK
