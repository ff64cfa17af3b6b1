"""Voiding a mistaken step: a new event cancels the latest step standing, the candidate's stage and facts
go back to what they were before it, the step stays on the timeline marked "Đã hủy" with the reason.
Only the latest step, only by whoever may record it, only within VOID_WINDOW_DAYS."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Candidate, Enrollment, EventKind, Stage, StageEvent
from candidates.services import RuleViolation
from candidates.tests.conftest import TODAY
from candidates.tests.factories import add_introducers, make_candidate, make_class
from candidates.tests.helpers import detail_url, message_texts
from quotas.selectors import unit_progress

D = datetime.date


def void_url(event: StageEvent) -> str:
    return reverse("candidates-void", kwargs={"pk": event.candidate_id, "event_pk": event.pk})


def entered_on(event: StageEvent, day: datetime.date) -> None:
    """Pretend the step was entered on that day (entered_at is set by the database on insert)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    StageEvent.objects.filter(pk=event.pk).update(entered_at=moment)
    event.refresh_from_db()


def decide(cast, candidate):
    return services.candidate_record_admission_decision(
        actor=cast.commune_staff, candidate=candidate, number="45-QĐ/ĐU", on=D(2026, 11, 10), issuer=cast.commune
    ).event


def void(actor, event, reason="Ghi nhầm người", version=None):
    candidate = Candidate.objects.get(pk=event.candidate_id)
    return services.event_void(
        actor=actor, event=event, reason=reason, expected_version=candidate.version if version is None else version
    )


# ---- The service ---------------------------------------------------------------------------------


def test_a_void_puts_the_stage_and_the_facts_back(cast):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    before = {f: getattr(c, f) for f in ("committee_resolution_number", "cell_resolution_date", "version")}
    step = decide(cast, c)
    c.refresh_from_db()
    assert c.stage == Stage.DECIDED and c.decision_number == "45-QĐ/ĐU" and c.admitting_unit == cast.cell_a

    result = void(cast.commune_staff, step, reason="Nhầm số quyết định của người khác")

    c.refresh_from_db()
    assert c.stage == Stage.PROPOSED
    assert (c.decision_number, c.decision_date, c.decision_issuer, c.decision_issuer_unit) == ("", None, "", None)
    assert c.admitting_unit is None
    assert c.committee_resolution_number == before["committee_resolution_number"]
    assert c.cell_resolution_date == before["cell_resolution_date"]
    assert c.version == before["version"] + 2  # the step, then the void
    # The step stays; the void is a new event saying who, when and why.
    assert StageEvent.objects.filter(pk=step.pk).exists()
    v = result.event
    assert v.kind == EventKind.VOID and v.voids_id == step.pk and v.entered_by == cast.commune_staff
    assert v.note == "Nhầm số quyết định của người khác" and v.legal_date == TODAY
    assert (v.from_stage, v.to_stage) == (Stage.DECIDED, Stage.PROPOSED)
    assert v.undo == {}


def test_a_voided_admission_no_longer_counts_in_the_quota(cast):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    step = decide(cast, c)
    assert unit_progress(unit=cast.commune, year=2026, as_of=TODAY).admitted == 1
    assert unit_progress(unit=cast.province, year=2026, as_of=TODAY).admitted == 1
    void(cast.commune_staff, step)
    assert unit_progress(unit=cast.commune, year=2026, as_of=TODAY).admitted == 0
    assert unit_progress(unit=cast.province, year=2026, as_of=TODAY).admitted == 0


def test_only_the_latest_step_standing_may_be_voided(cast):
    c = make_candidate(cast.cell_a, full_name="Lê Thị Mai")
    first = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    second = services.candidate_record_dossier(
        actor=cast.secretary_a, candidate=c, data={"application_date": D(2026, 11, 5)}
    ).event
    with pytest.raises(RuleViolation) as exc:
        void(cast.secretary_a, first)
    message = " ".join(exc.value.messages)
    assert "Chỉ hủy được bước ghi sau cùng" in message and "“Cập nhật hồ sơ kết nạp”" in message
    assert "hãy hủy bước đó trước" in message

    void(cast.secretary_a, second)
    c.refresh_from_db()
    assert c.application_date is None and c.stage == Stage.SYMPATHIZER
    void(cast.secretary_a, first)  # now the latest standing
    c.refresh_from_db()
    assert (c.stage, c.sympathizer_date, c.mentor_name) == (Stage.SOURCE, None, "")


@pytest.mark.parametrize(
    "days_ago,allowed",
    [(0, True), (29, True), (30, True), (31, False)],
    ids=["same-day", "day-before-edge", "last-day", "day-after"],
)
def test_the_window_edge(cast, settings, days_ago, allowed):
    settings.VOID_WINDOW_DAYS = 30
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 10, 1), mentor_name="Trần Văn Giúp"
    ).event
    entered_on(step, TODAY - datetime.timedelta(days=days_ago))
    if allowed:
        void(cast.secretary_a, step)
        c.refresh_from_db()
        assert c.stage == Stage.SOURCE
    else:
        with pytest.raises(RuleViolation) as exc:
            void(cast.secretary_a, step)
        entered = (TODAY - datetime.timedelta(days=31)).strftime("%d/%m/%Y")
        assert (
            f"Đã quá thời hạn hủy: chỉ hủy được trong 30 ngày kể từ ngày nhập bước này ({entered}), "
            "tức đến hết ngày 19/11/2026" in exc.value.messages[0]
        )
        c.refresh_from_db()
        assert c.stage == Stage.SYMPATHIZER


def test_the_window_is_a_setting(cast, settings):
    settings.VOID_WINDOW_DAYS = 7
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 10, 1), mentor_name="Trần Văn Giúp"
    ).event
    entered_on(step, TODAY - datetime.timedelta(days=8))
    with pytest.raises(RuleViolation, match="trong 7 ngày"):
        void(cast.secretary_a, step)


def test_who_may_not_record_the_step_may_not_void_it(cast):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    step = decide(cast, c)
    with pytest.raises(PermissionDenied):  # a committee act: not the cell's secretary
        void(cast.secretary_a, step)
    with pytest.raises(PermissionDenied):
        void(cast.viewer, step)
    with pytest.raises(Http404):
        void(cast.secretary_b, step)
    c.refresh_from_db()
    assert c.stage == Stage.DECIDED and not StageEvent.objects.filter(kind=EventKind.VOID).exists()


def test_a_stale_version_is_refused(cast):
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    with pytest.raises(RuleViolation, match="vừa được người khác cập nhật"):
        void(cast.secretary_a, step, version=c.version)  # the version before the step
    c.refresh_from_db()
    assert c.stage == Stage.SYMPATHIZER


def test_a_reason_is_required_and_a_step_is_voided_once(cast):
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    with pytest.raises(RuleViolation, match="Hãy ghi lý do hủy bước này."):
        void(cast.secretary_a, step, reason="  ")
    v = void(cast.secretary_a, step).event
    with pytest.raises(RuleViolation, match="đã được hủy ngày"):
        void(cast.secretary_a, step)
    with pytest.raises(RuleViolation, match="Một lần hủy không hủy lại được"):
        void(cast.secretary_a, v)


def test_adding_a_person_is_not_voided_but_exited(cast):
    created = services.candidate_create(
        actor=cast.secretary_a,
        cell=cast.cell_a,
        data={"full_name": "Phạm Văn Nhầm", "birth_date": D(1998, 3, 4), "sex": "M"},
    ).event
    with pytest.raises(RuleViolation, match="hãy “Đưa ra khỏi danh sách”"):
        void(cast.secretary_a, created)


def test_voiding_a_training_result_gives_back_the_class_place(cast, login):
    klass = make_class(cast.province, start=D(2026, 11, 10), end=D(2026, 11, 25))
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    services.class_enroll(actor=cast.secretary_a, training_class=klass, cell=cast.cell_a, candidates=[c])
    c.refresh_from_db()
    step = services.candidate_record_training(
        actor=cast.training,
        candidate=c,
        training_class=klass,
        result="good",
        certificate_number="12/GCN",
        certificate_date=D(2026, 11, 18),
    ).event
    # The training centre records results, so it may void them (its page has no timeline: the link is
    # among the next steps).
    body = login(cast.training).get(detail_url(c)).content.decode()
    assert void_url(step) in body and 'id="timeline"' not in body
    void(cast.training, step)
    c.refresh_from_db()
    assert (c.stage, c.certificate_number, c.certificate_date, c.training_class) == (Stage.SYMPATHIZER, "", None, None)
    place = Enrollment.objects.get(candidate=c, training_class=klass)
    assert (place.result, place.certificate_number, place.certificate_date) == ("", "", None)
    # Then the enrolment itself: the place goes.
    enrol = StageEvent.objects.filter(candidate=c, action__startswith="Cử đi học").get()
    void(cast.secretary_a, enrol)
    assert not Enrollment.objects.filter(candidate=c).exists()


def test_voiding_introducers_gives_back_the_earlier_list(cast):
    c = make_candidate(cast.cell_a, Stage.TRAINED)
    add_introducers(c, names=("Trần Văn A", "Lê Thị B"))
    step = services.candidate_record_introducers(
        actor=cast.secretary_a,
        candidate=c,
        route="members",
        introducers=[{"full_name": "Người Nhầm Một"}, {"full_name": "Người Nhầm Hai"}],
    ).event
    assert sorted(c.introducers.values_list("full_name", flat=True)) == ["Người Nhầm Hai", "Người Nhầm Một"]
    void(cast.secretary_a, step)
    assert sorted(c.introducers.values_list("full_name", flat=True)) == ["Lê Thị B", "Trần Văn A"]
    assert c.introducers.get(full_name="Trần Văn A").official_date == D(2010, 1, 1)


def test_a_committee_strike_off_is_voided_by_the_committee(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY, ceremony_date=D(2026, 1, 10), decision_date=D(2026, 1, 5))
    step = services.candidate_exit(
        actor=cast.commune_staff,
        candidate=c,
        reason="struck_off",
        on=D(2026, 11, 12),
        document_number="7-QĐ/ĐU",
        issuer=cast.commune,
    ).event
    with pytest.raises(PermissionDenied):
        void(cast.secretary_a, step)
    void(cast.commune_staff, step)
    c.refresh_from_db()
    assert c.is_open and (c.exit_reason, c.exit_date, c.exit_document_number, c.exit_issuer) == ("", None, "", None)


def test_voiding_a_transfer_brings_the_person_back(cast):
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    step = services.candidate_transfer(
        actor=cast.commune_staff, candidate=c, new_cell=cast.cell_b, on=D(2026, 11, 3)
    ).event
    with pytest.raises(Http404):  # the person is in cell B now: outside secretary A's scope
        void(cast.secretary_a, step)
    with pytest.raises(RuleViolation, match="nằm ngoài phạm vi quản lý của bạn"):
        void(cast.secretary_b, step)  # may record in B, not bring the person back to A
    void(cast.commune_staff, step)
    c.refresh_from_db()
    assert c.cell == cast.cell_a
    assert StageEvent.objects.get(voids=step).unit == cast.cell_a


def test_a_voided_step_is_not_corrected(cast):
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    void(cast.secretary_a, step)
    c.refresh_from_db()
    with pytest.raises(RuleViolation, match="đã được hủy"):
        services.event_correct(
            actor=cast.secretary_a,
            event=step,
            changes={"sympathizer_date": D(2026, 11, 3)},
            note="Sửa ngày",
            expected_version=c.version,
        )


# ---- The pages -----------------------------------------------------------------------------------


def test_the_confirmation_page_then_the_void_by_post(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    step = decide(cast, c)
    client = login(cast.commune_staff)
    body = client.get(detail_url(c)).content.decode()
    assert void_url(step) in body and "Hủy bước này (nhập nhầm)…" in body

    page = client.get(void_url(step))
    text = page.content.decode()
    assert page.status_code == 200 and "csrfmiddlewaretoken" in text and 'method="post"' in text
    assert "Hồ sơ trở lại như trước bước này" in text and "<del>45-QĐ/ĐU</del>" in text
    assert "Xác nhận hủy bước này" in text and "đến hết ngày" in text
    c.refresh_from_db()
    assert c.stage == Stage.DECIDED  # a GET changes nothing

    missing = client.post(void_url(step), {"version": c.version, "reason": ""})
    assert "Hãy ghi lý do hủy bước này." in missing.content.decode()
    done = client.post(void_url(step), {"version": c.version, "reason": "Ghi nhầm hồ sơ"}, follow=True)
    assert "Đã hủy bước “Quyết định kết nạp”: hồ sơ trở lại như trước bước này." in message_texts(done)
    c.refresh_from_db()
    assert c.stage == Stage.PROPOSED

    page = done.content.decode()
    # The step stays on the timeline, struck through and marked, with who voided it and why.
    assert '<del>Quyết định kết nạp</del> <span class="badge bad">Đã hủy</span>' in page
    assert "lý do: Ghi nhầm hồ sơ" in page and "Hủy bước: Quyết định kết nạp" in page
    # The field history says so too.
    history = page[page.index('id="history"') :]
    assert "Hủy bước: Quyết định kết nạp" in history and "45-QĐ/ĐU" in history
    record = c.history.order_by("-history_date", "-history_id").first()
    assert record.history_user == cast.commune_staff and record.history_change_reason == "Hủy bước: Quyết định kết nạp"


def test_a_stale_page_is_refused(cast, login):
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    response = login(cast.secretary_a).post(void_url(step), {"version": c.version, "reason": "Nhầm"}, follow=True)
    assert any("vừa được người khác cập nhật" in m for m in message_texts(response))
    c.refresh_from_db()
    assert c.stage == Stage.SYMPATHIZER


def test_the_pages_refuse_who_may_not_record_the_step(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    step = decide(cast, c)
    c.refresh_from_db()
    for user, status in ((cast.secretary_a, 403), (cast.training, 403), (cast.secretary_b, 404)):
        client = login(user)
        assert client.get(void_url(step)).status_code == status
        assert client.post(void_url(step), {"version": c.version, "reason": "x"}).status_code == status
    body = login(cast.secretary_a).get(detail_url(c)).content.decode()
    assert "Hủy bước này" not in body
    c.refresh_from_db()
    assert c.stage == Stage.DECIDED


def test_an_earlier_step_offers_no_void_and_its_page_says_why(cast, login):
    c = make_candidate(cast.cell_a)
    first = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    second = services.candidate_record_dossier(
        actor=cast.secretary_a, candidate=c, data={"application_date": D(2026, 11, 5)}
    ).event
    client = login(cast.secretary_a)
    body = client.get(detail_url(c)).content.decode()
    assert void_url(second) in body and void_url(first) not in body
    page = client.get(void_url(first)).content.decode()
    assert "Không hủy được bước này" in page and "Chỉ hủy được bước ghi sau cùng" in page
    assert "Xác nhận hủy bước này" not in page


def test_no_void_offered_after_the_window(cast, login, settings):
    settings.VOID_WINDOW_DAYS = 30
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 10, 1), mentor_name="Trần Văn Giúp"
    ).event
    entered_on(step, TODAY - datetime.timedelta(days=31))
    body = login(cast.secretary_a).get(detail_url(c)).content.decode()
    assert void_url(step) not in body


def test_the_candidate_page_runs_the_same_queries_for_few_and_many_events(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast.secretary_a)

    def count(candidate):
        client.get(detail_url(candidate))  # the session's own writes happen on a first request
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail_url(candidate)).status_code == 200
        return len(ctx.captured_queries)

    few = make_candidate(cast.cell_a)
    services.candidate_add_to_sympathizers(actor=cast.secretary_a, candidate=few, on=D(2026, 11, 2), mentor_name="A")
    many = make_candidate(cast.cell_a)
    services.candidate_add_to_sympathizers(actor=cast.secretary_a, candidate=many, on=D(2026, 11, 2), mentor_name="A")
    for day in range(3, 13):
        many.refresh_from_db()
        step = services.candidate_record_dossier(
            actor=cast.secretary_a, candidate=many, data={"application_date": D(2026, 11, day)}
        ).event
        if day % 2:
            void(cast.secretary_a, step)
    assert count(many) <= count(few)


def test_a_personal_edit_after_the_step_is_kept(cast):
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    c.refresh_from_db()
    services.candidate_update(
        actor=cast.secretary_a, candidate=c, data={"phone": "0912345678"}, expected_version=c.version
    )
    void(cast.secretary_a, step)
    c.refresh_from_db()
    assert c.stage == Stage.SOURCE and c.phone == "0912345678"


def test_the_rules_page_names_the_window(cast, login, settings):
    settings.VOID_WINDOW_DAYS = 45
    body = login(cast.viewer).get(reverse("candidates-rules")).content.decode()
    assert "VOID_WINDOW_DAYS" in body and "45" in body


def test_anonymization_drops_what_a_void_would_put_back(cast, settings):
    from candidates.privacy import anonymize_exited

    settings.PERSONAL_DATA_RETENTION_YEARS = 5
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    assert step.undo["fields"]["mentor_name"] == ["", "Trần Văn Giúp"]
    Candidate.objects.filter(pk=c.pk).update(is_open=False, exit_reason="withdrawn", exit_date=D(2020, 1, 1))
    assert anonymize_exited(TODAY) == 1
    step.refresh_from_db()
    assert step.undo == {}


def test_voiding_a_correction_puts_the_corrected_value_back(cast):
    c = make_candidate(cast.cell_a)
    step = services.candidate_add_to_sympathizers(
        actor=cast.secretary_a, candidate=c, on=D(2026, 11, 2), mentor_name="Trần Văn Giúp"
    ).event
    c.refresh_from_db()
    fix = services.event_correct(
        actor=cast.secretary_a,
        event=step,
        changes={"sympathizer_date": D(2026, 11, 3)},
        note="Sửa ngày",
        expected_version=c.version,
    ).event
    void(cast.secretary_a, fix)
    c.refresh_from_db()
    assert c.sympathizer_date == D(2026, 11, 2) and c.stage == Stage.SYMPATHIZER
