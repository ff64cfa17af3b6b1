from django.urls import reverse

from candidates.models import Candidate


def action_url(candidate: Candidate, key: str) -> str:
    return reverse("candidates-action", kwargs={"pk": candidate.pk, "action": key})


def detail_url(candidate: Candidate) -> str:
    return reverse("candidates-detail", kwargs={"pk": candidate.pk})


def post_action(client, candidate: Candidate, key: str, data: dict, version: int | None = None, follow=True):
    payload = {f"{key}-{k}": v for k, v in data.items()}
    payload[f"{key}-version"] = candidate.version if version is None else version
    return client.post(action_url(candidate, key), payload, follow=follow)


def message_texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
