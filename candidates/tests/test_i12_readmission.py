"""Issue 12, items 7, 8, 10, 11: re-admission as a new admission (through the web), exceptions as
records, the statistics vocabularies, moves that leave traces."""

import datetime

import pytest

from candidates import services
from candidates.models import Candidate, EventKind, ExceptionKind, ExitReason, Stage
from candidates.services import RuleViolation
from candidates.tests.factories import make_candidate
from candidates.tests.helpers import detail_url, post_action
from candidates.tests.test_i12_introducers import MEETING, ready
from candidates.vocab import is_minority, is_religious, normalize_ethnicity, normalize_religion
from quotas.selectors import unit_progress
from units.services import unit_merge

D = datetime.date


def struck_off(cast, **over):
    """Admitted by decision of 10/03/2021, ceremony 01/04/2021, struck off 01/12/2021."""
    fields = {
        "full_name": "Trần Văn Lại",
        "birth_date": D(1990, 2, 3),
        "national_id": "001090000123",
        "general_education": "upper_secondary",
        "decision_number": "12-QĐ/HU",
        "decision_date": D(2021, 3, 10),
        "ceremony_date": D(2021, 4, 1),
        "is_open": False,
        "exit_reason": ExitReason.STRUCK_OFF,
        "exit_date": D(2021, 12, 1),
    }
    return make_candidate(cast.cell_a, Stage.PROBATIONARY, **(fields | over))


def readmit_data(cast, on="01/12/2024", **over):
    return {
        "on": on,
        "cell": cast.cell_a.pk,
        "consent_number": "120-CV/TU",
        "consent_date": "20/11/2024",
        "consent_issuer": cast.province.pk,
    } | over


def test_readmission_through_the_web_both_admissions_counted_in_their_years(cast, login):
    old = struck_off(cast)
    client = login(cast.secretary_a)
    assert "Kết nạp lại (hồ sơ mới)" in client.get(detail_url(old)).content.decode()
    response = post_action(client, old, "readmit", readmit_data(cast))
    assert response.status_code == 200
    new = Candidate.objects.get(readmission_of=old)
    assert response.redirect_chain[-1][0].startswith(detail_url(new))
    assert new.stage == Stage.SOURCE and new.cell == cast.cell_a and new.readmission_consent_number == "120-CV/TU"
    # The new admission goes through the whole pipeline with its own decision, ceremony and probation.
    for field, value in {
        "stage": Stage.PROPOSED,
        "certificate_date": D(2025, 3, 1),
        "cell_resolution_date": D(2026, 5, 4),
        "cell_votes_for": 6,
        "cell_official_members": 9,
        "committee_resolution_date": D(2026, 5, 12),
        "committee_votes_for": 7,
        "committee_members": 9,
    }.items():
        setattr(new, field, value)
    new.save()
    response = post_action(
        login(cast.commune_staff),
        new,
        "decision",
        {"number": "88-QĐ/ĐU", "on": "01/06/2026", "issuer": cast.commune.pk},
    )
    assert response.status_code == 200
    post_action(login(cast.secretary_a), Candidate.objects.get(pk=new.pk), "ceremony", {"on": "15/06/2026"})
    new.refresh_from_db()
    old.refresh_from_db()
    assert (new.stage, new.decision_date, new.ceremony_date) == (Stage.PROBATIONARY, D(2026, 6, 1), D(2026, 6, 15))
    assert (old.decision_date, old.ceremony_date, old.admitting_unit) == (D(2021, 3, 10), D(2021, 4, 1), cast.cell_a)
    assert unit_progress(unit=cast.province, year=2021, as_of=D(2021, 12, 31)).admitted == 1
    assert unit_progress(unit=cast.province, year=2026, as_of=D(2026, 11, 20)).admitted == 1
    # The first admission stays on the timeline of the new record.
    page = login(cast.secretary_a).get(detail_url(new)).content.decode()
    assert "lần kết nạp trước" in page and "12-QĐ/HU" in page


@pytest.mark.parametrize("on,ok", [(D(2024, 11, 30), False), (D(2024, 12, 1), True)])
def test_thirty_six_months_after_leaving(cast, on, ok):
    old = struck_off(cast)
    call = lambda: services.candidate_readmit(  # noqa: E731
        actor=cast.secretary_a, candidate=old, on=on, consent_number="1-CV/TU", consent_date=D(2024, 11, 1),
        consent_issuer=cast.province,
    )  # fmt: skip
    if ok:
        assert call().candidate.readmission_of == old
    else:
        with pytest.raises(RuleViolation) as exc:
            call()
        assert any("sau 36 tháng" in m and "từ ngày 01/12/2024" in m for m in exc.value.messages)
        assert not Candidate.objects.filter(readmission_of=old).exists()


def test_exclusions_consent_and_once_only(cast):
    old = struck_off(cast)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_readmit(
            actor=cast.secretary_a, candidate=old, on=D(2025, 1, 1), consent_number="", consent_date=None,
            consent_issuer=cast.commune, exclusions=["corruption", "disunity"],
        )  # fmt: skip
    messages = exc.value.messages
    assert any("tham nhũng" in m for m in messages) and any("mất đoàn kết" in m for m in messages)
    assert any("Chưa ghi văn bản đồng ý" in m for m in messages)
    assert any("phải do Ban Thường vụ tỉnh ủy" in m for m in messages)
    kw = {"consent_number": "1-CV/TU", "consent_date": D(2024, 12, 20), "consent_issuer": cast.province}
    services.candidate_readmit(actor=cast.secretary_a, candidate=old, on=D(2025, 1, 1), **kw)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_readmit(actor=cast.secretary_a, candidate=old, on=D(2025, 1, 2), **kw)
    assert any("chỉ kết nạp lại một lần" in m for m in exc.value.messages)


def test_asked_to_leave_is_not_readmitted_and_struck_off_is_not_reopened(cast):
    asked = struck_off(cast, exit_reason=ExitReason.ASKED_TO_LEAVE, full_name="Lê Khuyên", national_id="")
    with pytest.raises(RuleViolation) as exc:
        services.candidate_readmit(
            actor=cast.secretary_a, candidate=asked, on=D(2025, 1, 1), consent_number="1", consent_date=D(2025, 1, 1),
            consent_issuer=cast.province,
        )  # fmt: skip
    assert any("khuyên ra khỏi Đảng" in m for m in exc.value.messages)
    old = struck_off(cast)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_reopen(actor=cast.secretary_a, candidate=old, on=D(2025, 1, 1))
    assert any("Kết nạp lại" in m for m in exc.value.messages)


def test_the_same_person_is_found_across_the_tree(cast):
    struck_off(cast)
    data = {"full_name": "Tran Van Lai", "birth_date": D(1990, 2, 3), "sex": "M"}
    data["full_name"] = "Trần Văn Lại"
    with pytest.raises(RuleViolation) as exc:
        services.candidate_create(actor=cast.province_staff, cell=cast.school, data=data)
    assert any("chỉ có thể xem xét “Kết nạp lại”" in m for m in exc.value.messages)
    # The national ID decides when both records have one.
    other = services.candidate_create(
        actor=cast.province_staff, cell=cast.school, data=data | {"national_id": "001090000999"}
    ).candidate
    with pytest.raises(RuleViolation) as exc:
        services.candidate_create(
            actor=cast.province_staff, cell=cast.cell_b, data=data | {"national_id": "001090000999"}
        )
    assert any(f"đang có hồ sơ trong danh sách của {other.cell.name}" in m for m in exc.value.messages)


# ---- Exceptions as records ----------------------------------------------------------------------


def test_over_sixty_needs_a_recorded_consent_dated_before_the_decision(cast):
    c = ready(cast.cell_a, birth_date=D(1965, 1, 1))
    assert any("Quá 60 tuổi" in e for e in services.admission_conditions(c, MEETING))
    services.candidate_record_exception(
        actor=cast.secretary_a, candidate=c, kind=ExceptionKind.AGE_OVER_60, document_number="5-CV/TU",
        document_date=D(2026, 9, 1), issuer="Ban Thường vụ Tỉnh ủy",
    )  # fmt: skip
    c = Candidate.objects.get(pk=c.pk)
    assert services.admission_conditions(c, MEETING) == []
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_exception(
            actor=cast.secretary_a, candidate=c, kind=ExceptionKind.AGE_OVER_60, document_number="x",
            document_date=None, issuer="",
        )  # fmt: skip
    assert "Chưa nhập cơ quan ban hành văn bản." in exc.value.messages


@pytest.mark.parametrize("education,kind,ok", [("primary", None, False), ("primary", "education_remote", True),
                                               ("", None, False), ("lower_secondary", None, True)])  # fmt: skip
def test_education_below_thcs_or_unknown(cast, education, kind, ok):
    c = ready(cast.cell_a, general_education=education)
    if kind:
        services.candidate_record_exception(
            actor=cast.secretary_a, candidate=c, kind=kind, document_number="2-QĐ", document_date=D(2026, 1, 1),
            issuer="UBND tỉnh",
        )  # fmt: skip
    errors = services.admission_conditions(Candidate.objects.get(pk=c.pk), MEETING)
    assert (errors == []) is ok, errors


def test_a_religious_candidate_is_warned_until_the_conditions_are_recorded(cast):
    c = ready(cast.cell_a, religion="Công giáo")
    _, warnings = services.admission_review(c, MEETING)
    assert any("06-QĐ/TW" in w for w in warnings)


# ---- Vocabularies -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [("Kinh/ Việt", "Kinh"), ("kinh", "Kinh"), ("KINH", "Kinh"), ("H'Mông", "Mông"), ("Ê-đê", "Ê Đê"), ("Tày", "Tày")],
)
def test_ethnicity_spellings(text, expected):
    assert normalize_ethnicity(text) == expected
    assert is_minority(text) is (expected != "Kinh")


@pytest.mark.parametrize(
    "text,expected",
    [("Không theo tôn giáo", "Không"), ("không có", "Không"), ("", "Không"), ("Thiên Chúa giáo", "Công giáo"),
     ("phật", "Phật giáo")],
)  # fmt: skip
def test_religion_spellings(text, expected):
    assert normalize_religion(text) == expected
    assert is_religious(text) is (expected != "Không")


# ---- Moves --------------------------------------------------------------------------------------


def test_a_proposed_candidate_who_moves_needs_the_new_cells_resolution(cast):
    c = make_candidate(cast.cell_a, Stage.PROPOSED)
    result = services.candidate_transfer(
        actor=cast.commune_staff, candidate=c, new_cell=cast.cell_b, on=D(2025, 1, 10), document_number="3-GGT"
    )
    c.refresh_from_db()
    assert c.stage == Stage.TRAINED and c.cell_resolution_date is None and c.committee_resolution_date is None
    assert result.warnings and "ra nghị quyết lại" in result.warnings[0]
    assert result.event.document_number == "3-GGT"
    assert result.event.data["previous_resolutions"]["cell_resolution_number"] == "05-NQ/CB"


def test_a_merge_writes_an_event_on_each_timeline(cast):
    moved = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    below = make_candidate(cast.school, Stage.SYMPATHIZER)
    unit_merge(source=cast.cell_a, target=cast.cell_b, merged_on=D(2025, 7, 1), decision="9-QĐ/TU")
    e = moved.events.get(kind=EventKind.TRANSFER)
    assert (e.legal_date, e.document_number, e.data["from_unit"], e.data["to_unit"]) == (
        D(2025, 7, 1), "9-QĐ/TU", "P-C1-G1-A", "P-C1-G1-B")  # fmt: skip
    moved.refresh_from_db()
    assert moved.cell == cast.cell_b
    cast.commune.refresh_from_db()
    cast.commune2.refresh_from_db()
    unit_merge(source=cast.commune2, target=cast.commune, merged_on=D(2025, 7, 1), decision="10-QĐ/TU")
    e = below.events.get(kind=EventKind.TRANSFER)
    assert "Đảng bộ xã Phú Xuân" in e.action and e.data["cell"] == "P-C2-S"
