"""Training classes: the list and a class's trainees (scoped), and sending several sympathizers of one cell."""

import datetime

from django.urls import reverse

from candidates.models import Enrollment, EventKind, Stage, StageEvent
from candidates.tests.factories import make_candidate, make_class

D = datetime.date


def coming_class(cast):
    return make_class(cast.province, code="K4-2026", start=D(2026, 12, 10), end=D(2026, 12, 16))


def test_the_list_counts_trainees_in_scope(cast, login):
    klass = make_class(cast.province)
    for cell in (cast.cell_a, cast.cell_a, cast.cell_b):
        Enrollment.objects.create(training_class=klass, candidate=make_candidate(cell, Stage.TRAINED), result="good")
    response = login(cast.secretary_a).get(reverse("candidates-classes"))
    row = response.context["page"].object_list[0]
    assert (row.trainees, row.passed) == (2, 2)
    row = login(cast.province_staff).get(reverse("candidates-classes")).context["page"].object_list[0]
    assert (row.trainees, row.passed) == (3, 3)
    assert list(login(cast.outsider).get(reverse("candidates-classes")).context["page"].object_list) == []


def test_the_list_filters_by_year_and_search(cast, login):
    make_class(cast.province, code="K1-2024")
    make_class(cast.province, code="K4-2026", start=D(2026, 12, 10), end=D(2026, 12, 16))
    client = login(cast.secretary_a)
    assert [k.code for k in client.get(reverse("candidates-classes"), {"year": 2026}).context["page"]] == ["K4-2026"]
    assert [k.code for k in client.get(reverse("candidates-classes"), {"q": "k1"}).context["page"]] == ["K1-2024"]


def test_a_secretary_sends_selected_sympathizers_to_a_class(cast, login):
    klass = coming_class(cast)
    chosen = [make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name=n) for n in ("Lê Văn An", "Trần Thị Bình")]
    left = make_candidate(cast.cell_a, Stage.SYMPATHIZER, full_name="Phạm Văn Chưa")
    make_candidate(cast.cell_a, Stage.SOURCE, full_name="Chưa Cảm Tình")
    client = login(cast.secretary_a)
    url = reverse("candidates-class-enroll", args=[klass.pk])
    page = client.get(url).content.decode()  # one cell in scope: already chosen
    assert "Lê Văn An" in page and "Phạm Văn Chưa" in page and "Chưa Cảm Tình" not in page
    response = client.post(
        url, {"cell": cast.cell_a.code, "candidates": [c.pk for c in chosen], "note": "Đợt tháng 12"}, follow=True
    )
    assert "Đã cử 2 người của Chi bộ thôn Đông đi học" in response.content.decode()
    assert set(Enrollment.objects.filter(training_class=klass).values_list("candidate__full_name", flat=True)) == {
        "Lê Văn An",
        "Trần Thị Bình",
    }
    assert StageEvent.objects.filter(kind=EventKind.RECORD, action__startswith="Cử đi học").count() == 2
    assert not left.enrollments.exists()
    # the class page shows them, without a result yet
    assert "chưa có kết quả" in response.content.decode()


def test_someone_of_another_cell_cannot_be_sent(cast, login):
    klass = coming_class(cast)
    other = make_candidate(cast.cell_b, Stage.SYMPATHIZER)
    response = login(cast.secretary_a).post(
        reverse("candidates-class-enroll", args=[klass.pk]), {"cell": cast.cell_a.code, "candidates": [other.pk]}
    )
    assert response.status_code == 200
    assert not Enrollment.objects.exists()
    # and another cell is not a choice either
    response = login(cast.secretary_a).post(
        reverse("candidates-class-enroll", args=[klass.pk]), {"cell": cast.cell_b.code, "candidates": [other.pk]}
    )
    assert not Enrollment.objects.exists()


def test_a_finished_class_is_refused(cast, login):
    klass = make_class(cast.province)  # 2024
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    response = login(cast.secretary_a).post(
        reverse("candidates-class-enroll", args=[klass.pk]), {"cell": cast.cell_a.code, "candidates": [c.pk]}
    )
    assert "đã bế giảng ngày 27/06/2024" in response.content.decode()
    assert not Enrollment.objects.exists()
