"""Every demo role opens the page of people in every stage of its scope, and the page answers: a form
that only renders with real data (the introducers' member select once did not) fails here, not in an
office."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts.testing import VerifiedClient
from candidates.models import Candidate, Stage
from units.scope import scoped


@pytest.mark.django_db
def test_every_role_opens_people_of_every_stage_in_its_scope():
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    users = get_user_model().objects.filter(assignments__isnull=False).distinct().order_by("username")
    assert users.count() >= 5
    opened = 0
    for user in users:
        client = VerifiedClient()
        client.force_login(user)
        people = scoped(user, Candidate.objects.all())
        for stage in Stage.values:
            for pk in people.filter(stage=stage).order_by("pk").values_list("pk", flat=True)[:2]:
                response = client.get(reverse("candidates-detail", args=[pk]))
                assert response.status_code == 200, (user.username, stage, pk)
                assert Stage(stage).label in response.content.decode()
                opened += 1
    assert opened > 50
