"""The submit button of an action form reads naturally (no "Ghi: ghi …", no lowercased "đảng")."""

from django.urls import reverse

from candidates.models import Stage
from candidates.tests.factories import make_candidate


def test_submit_buttons_keep_the_label_as_written(cast, login):
    c = make_candidate(cast.cell_a, Stage.SOURCE)
    body = login(cast.secretary_a).get(reverse("candidates-detail", args=[c.pk])).content.decode()
    assert "Lưu: Đưa vào danh sách cảm tình Đảng" in body
    assert "cảm tình đảng" not in body
    t = make_candidate(cast.cell_a, Stage.TRAINED)
    body = login(cast.secretary_a).get(reverse("candidates-detail", args=[t.pk])).content.decode()
    assert "Ghi: ghi" not in body
