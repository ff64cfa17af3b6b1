"""Permission matrix rows of the jobs app: a job is seen by the user who started it only."""

from jobs.models import Job

USERS = ("province_staff", "commune_staff", "secretary_a", "secretary_b", "training", "viewer", "outsider", "anonymous")


def _job(cast):
    job = Job.objects.create(kind="test", title="Nhập thử", user=cast.commune_staff, status="done")
    return {"pk": job.pk}


def _owner_only(owner_status=200):
    out = {u: 404 for u in USERS}
    out["commune_staff"] = owner_status
    out["anonymous"] = 302
    return out


MATRIX = [
    ("jobs-list", lambda c: {}, "get", {u: (302 if u == "anonymous" else 200) for u in USERS}),
    ("jobs-detail", _job, "get", _owner_only()),
    ("jobs-status", _job, "get", _owner_only()),
    ("jobs-download", _job, "get", _owner_only(404)),  # no result file
]
