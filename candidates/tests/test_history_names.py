"""The edit history on the candidate page names related records (the class), not their database ids."""

import datetime

from django.urls import reverse

from candidates import services
from candidates.models import Stage
from candidates.tests.factories import make_candidate, make_class


def test_history_shows_the_class_name(cast, login):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER, sympathizer_date=datetime.date(2026, 1, 5))
    klass = make_class(cast.province, code="K-2026", start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 7))
    services.candidate_record_training(
        actor=cast.secretary_a,
        candidate=c,
        training_class=klass,
        result="good",
        certificate_number="12/GCN",
        certificate_date=datetime.date(2026, 3, 7),
    )
    body = login(cast.secretary_a).get(reverse("candidates-detail", args=[c.pk])).content.decode()
    history = body[body.index("Lịch sử chỉnh sửa") :]
    assert "Lớp bồi dưỡng K-2026" in history
    assert f"→ {klass.pk}<" not in history.replace("</ins>", "<").replace("<ins>", "")


def test_history_changes_are_one_block_in_the_phone_layout(cast, login):
    """On phones each cell is a flex row (label, value): several changes must stack in one block."""
    c = make_candidate(cast.cell_a, Stage.SOURCE)
    c.phone, c.residence = "0912345678", "thôn Đông"
    c.save()
    body = login(cast.secretary_a).get(reverse("candidates-detail", args=[c.pk])).content.decode()
    cell = body[body.index('<td data-label="Thay đổi">') :]
    cell = cell[: cell.index("</td>")]
    assert cell.startswith('<td data-label="Thay đổi"><div class="changes"><div>')
    assert cell.count("<div>") >= 2
