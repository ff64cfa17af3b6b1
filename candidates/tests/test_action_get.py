"""A GET on an action URL (a reload, a bookmark, the back button after a refused form) is not a bare
405: in scope it leads back to the candidate page, outside the scope it is a 404 like every other URL."""

import pytest
from django.urls import reverse

from candidates.models import EventKind, Stage
from candidates.services import write_event
from candidates.tests.factories import make_candidate
from candidates.tests.helpers import action_url


@pytest.mark.parametrize("key", ["sympathizer", "cell_resolution", "exit", "no-such-action"])
def test_get_on_action_of_other_cell_is_404(cast, login, key):
    c = make_candidate(cast.cell_a, Stage.SOURCE)
    assert login(cast.secretary_b).get(action_url(c, key)).status_code == 404


def test_get_on_action_in_scope_goes_back_to_the_candidate_page(cast, login):
    c = make_candidate(cast.cell_a, Stage.TRAINED)
    response = login(cast.secretary_a).get(action_url(c, "cell_resolution"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("candidates-detail", args=[c.pk])
    assert c.full_name in response.content.decode()


def test_get_on_correction_url(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    e = write_event(c, kind=EventKind.TRANSITION, action="x", to_stage=Stage.SYMPATHIZER, legal_date=c.sympathizer_date)
    url = reverse("candidates-correct", args=[c.pk, e.pk])
    assert login(cast.secretary_b).get(url).status_code == 404
    response = login(cast.secretary_a).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("candidates-detail", args=[c.pk]))
