"""Issue 12, items 3–4: who proposes and who decides (from the tree), the competent body valid on the
decision's date (a day before and after 01/07/2025), closed units, committee acts by committee staff."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from candidates import services
from candidates.models import Candidate, ExitReason, Stage
from candidates.services import RuleViolation
from candidates.tests.factories import make_candidate
from candidates.tests.helpers import detail_url, post_action
from units.models import PartyUnit, UnitKind
from units.services import unit_create, unit_update

D = datetime.date
NO_COMMITTEE = {
    "committee_resolution_number": "",
    "committee_resolution_date": None,
    "committee_votes_for": None,
    "committee_members": None,
}


def proposed(cell, **over):
    """Cell resolution 10/09/2024, no committee resolution yet."""
    return make_candidate(cell, Stage.PROPOSED, **(NO_COMMITTEE | over))


def decide(actor, c, issuer, on, **kw):
    return services.candidate_record_admission_decision(
        actor=actor, candidate=Candidate.objects.get(pk=c.pk), number="45-QĐ", on=on, issuer=issuer, **kw
    )


@pytest.fixture
def district(cast):
    unit = unit_create(parent=cast.province, code="P-H", name="Đảng bộ huyện Cũ", kind=UnitKind.DISTRICT,
                       valid_to=D(2025, 6, 30))  # fmt: skip
    unit.refresh_from_db()
    return unit


# ---- The path -----------------------------------------------------------------------------------


def test_a_chi_bo_truc_thuoc_needs_the_grassroots_resolution(cast):
    c = proposed(cast.cell_a)
    with pytest.raises(RuleViolation) as exc:
        decide(cast.province_staff, c, cast.commune, D(2025, 7, 1))
    assert any("Chưa có nghị quyết của Đảng ủy cơ sở thôn" in m for m in exc.value.messages)
    assert Candidate.objects.get(pk=c.pk).stage == Stage.PROPOSED


def test_a_chi_bo_co_so_goes_straight_to_the_competent_committee(cast, login):
    c = proposed(cast.school)
    assert "committee_resolution" not in dict(services.available_actions(c, cast.commune_staff))
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_committee_resolution(
            actor=cast.province_staff, candidate=c, number="1", on=D(2024, 9, 20), votes_for=5, members=7
        )
    assert "là chi bộ cơ sở" in exc.value.messages[0]
    # Through the page, as the organization board records it: admitted, no error.
    response = post_action(
        login(cast.province_staff),
        c,
        "decision",
        {"number": "12-QĐ/ĐU", "on": "01/07/2025", "issuer": cast.commune2.pk},
    )
    assert response.status_code == 200
    c.refresh_from_db()
    assert c.stage == Stage.DECIDED and c.decision_issuer_unit == cast.commune2
    assert c.decision_issuer == "Ban Thường vụ Đảng ủy xã Phú Xuân"


def test_a_partial_committee_appraises_before_the_grassroots_resolution(cast):
    partial = unit_create(parent=cast.grassroots, code="P-C1-G1-BP", name="Đảng bộ bộ phận Xóm", kind=UnitKind.PARTIAL)
    cell = unit_create(parent=partial, code="P-C1-G1-BP-1", name="Chi bộ xóm 1", kind=UnitKind.CELL)
    c = proposed(cell)
    committee = lambda: services.candidate_record_committee_resolution(  # noqa: E731
        actor=cast.province_staff, candidate=Candidate.objects.get(pk=c.pk), number="8", on=D(2024, 9, 25),
        votes_for=6, members=9,
    )  # fmt: skip
    with pytest.raises(RuleViolation) as exc:
        committee()
    assert any("7-KNĐ" in m and "Đảng bộ bộ phận Xóm" in m for m in exc.value.messages)
    services.candidate_record_appraisal(
        actor=cast.commune_staff, candidate=Candidate.objects.get(pk=c.pk), number="3-BC", on=D(2024, 9, 15)
    )
    assert committee().candidate.committee_resolution_date == D(2024, 9, 25)


@pytest.mark.parametrize("votes,ok", [(6, True), (5, False)])
def test_committee_vote_two_thirds_exactly_and_just_below(cast, votes, ok):
    c = proposed(cast.cell_a)
    call = lambda: services.candidate_record_committee_resolution(  # noqa: E731
        actor=cast.commune_staff, candidate=c, number="8", on=D(2024, 9, 25), votes_for=votes, members=9
    )
    if ok:
        assert call().candidate.committee_votes_for == 6
    else:
        with pytest.raises(RuleViolation) as exc:
            call()
        assert "Chưa đủ 2/3 số cấp ủy viên tán thành: 5/9." in exc.value.messages


AUTHORIZED_ON = D(2025, 8, 1)


def _authorize(cast, on=AUTHORIZED_ON):
    unit_update(
        unit=cast.grassroots,
        admission_authorization_number="15-QĐ/ĐU",
        admission_authorization_date=on,
        admission_authorized_by=cast.commune,
    )


@pytest.mark.parametrize("votes,ok", [(6, True), (5, False)])
def test_an_authorized_grassroots_committee_decides_itself(cast, votes, ok):
    _authorize(cast)
    c = proposed(cast.cell_a)
    if ok:
        result = decide(cast.commune_staff, c, cast.grassroots, D(2025, 8, 1), votes_for=votes, members=9)
        assert result.candidate.stage == Stage.DECIDED
        assert result.candidate.committee_resolution_date == D(2025, 8, 1)
        assert result.candidate.decision_issuer == "Đảng ủy cơ sở thôn"
    else:
        with pytest.raises(RuleViolation):
            decide(cast.commune_staff, c, cast.grassroots, D(2025, 8, 1), votes_for=votes, members=9)


def test_not_yet_authorized_the_day_before(cast):
    _authorize(cast)
    with pytest.raises(RuleViolation) as exc:
        decide(cast.commune_staff, proposed(cast.cell_a), cast.grassroots, D(2025, 7, 31), votes_for=6, members=9)
    assert any("chưa được ủy quyền" in m for m in exc.value.messages)


def test_an_authorization_is_a_record(cast):
    with pytest.raises(ValidationError) as exc:
        unit_update(unit=cast.grassroots, admission_authorization_number="15-QĐ/ĐU")
    assert "cần đủ số văn bản, ngày và cấp ủy ủy quyền" in str(exc.value)


# ---- The competent body on the decision's date --------------------------------------------------


@pytest.mark.parametrize(
    "issuer,on,ok",
    [
        ("district", D(2025, 6, 30), True),
        ("district", D(2025, 7, 1), False),
        ("district", D(2026, 3, 2), False),
        ("commune", D(2025, 6, 30), False),
        ("commune", D(2025, 7, 1), True),
        ("province", D(2025, 6, 30), True),
    ],
)
def test_the_competent_body_a_day_before_and_after_the_reform(cast, district, issuer, on, ok):
    unit = {"district": district, "commune": cast.commune, "province": cast.province}[issuer]
    c = proposed(cast.cell_a, committee_resolution_date=D(2024, 9, 20), committee_votes_for=7, committee_members=9)
    if ok:
        assert decide(cast.province_staff, c, unit, on).candidate.decision_issuer_unit == unit
    else:
        with pytest.raises(RuleViolation) as exc:
            decide(cast.province_staff, c, unit, on)
        assert any("Nghị quyết 60-NQ/TW" in m for m in exc.value.messages)
        assert Candidate.objects.get(pk=c.pk).decision_date is None


def test_a_commune_that_did_not_exist_yet_and_units_that_cannot_decide(cast):
    unit_update(unit=cast.commune, valid_from=D(2025, 7, 1))
    c = proposed(cast.cell_a, committee_resolution_date=D(2024, 9, 20), committee_votes_for=7, committee_members=9)
    with pytest.raises(RuleViolation) as exc:
        decide(cast.province_staff, c, cast.commune, D(2025, 6, 30))
    assert any("chưa được thành lập" in m for m in exc.value.messages)
    for unit, words in ((cast.cell_b, "không có thẩm quyền"), (cast.other_province, "không phải là cấp ủy cấp trên"),
                        (cast.commune2, "không phải là cấp ủy cấp trên"), (None, "Chưa chọn")):  # fmt: skip
        with pytest.raises(RuleViolation) as exc:
            decide(cast.province_staff, c, unit, D(2025, 7, 2))
        assert any(words in m for m in exc.value.messages), (unit, exc.value.messages)


def test_the_decision_form_offers_only_units_of_the_tree(cast, district, login):
    c = proposed(cast.cell_a, committee_resolution_date=D(2024, 9, 20), committee_votes_for=7, committee_members=9)
    page = login(cast.province_staff).get(detail_url(c)).content.decode()
    issuer = re.search(r'<select[^>]*name="decision-issuer".*?</select>', page, re.S).group(
        0
    )  # units named as everywhere
    assert ">Đảng bộ huyện Cũ</option>" in issuer and ">Đảng bộ xã Tân Hòa</option>" in issuer
    assert "Đảng bộ xã Phú Xuân" not in issuer and "Đảng bộ tỉnh Khác" not in issuer
    response = post_action(
        login(cast.province_staff), c, "decision", {"number": "9", "on": "02/03/2026", "issuer": district.pk}
    )
    assert response.status_code == 200 and "Cấp huyện đã kết thúc hoạt động" in response.content.decode()


# ---- Closed units -------------------------------------------------------------------------------


def test_closing_a_unit_closes_its_subtree_when_nobody_is_followed(cast):
    make_candidate(cast.cell_a)
    with pytest.raises(ValidationError) as exc:
        unit_update(unit=cast.commune, valid_to=D(2025, 6, 30))
    assert "Còn 1 người đang được theo dõi" in str(exc.value)
    cast.cell_a.refresh_from_db()
    assert cast.cell_a.valid_to is None
    Candidate.objects.all().update(is_open=False)
    unit_update(unit=cast.commune, valid_to=D(2025, 6, 30))
    cast.cell_a.refresh_from_db()
    cast.grassroots.refresh_from_db()
    assert cast.cell_a.valid_to == D(2025, 6, 30) and cast.grassroots.valid_to == D(2025, 6, 30)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_create(
            actor=None, cell=cast.cell_a, data={"full_name": "Mới Vào", "birth_date": D(2000, 1, 1), "sex": "M"}
        )
    assert any("đã hết hiệu lực" in m for m in exc.value.messages)
    with pytest.raises(ValidationError):
        unit_create(parent=PartyUnit.objects.get(code="P-C1-G1"), code="Y", name="Chi bộ sau", kind=UnitKind.CELL)


# ---- Committee acts -----------------------------------------------------------------------------


def test_a_secretary_can_no_longer_strike_off_or_recognize(cast, login):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY)
    assert "recognition" not in dict(services.available_actions(c, cast.secretary_a))
    with pytest.raises(PermissionDenied):
        services.candidate_exit(actor=cast.secretary_a, candidate=c, reason=ExitReason.STRUCK_OFF, on=D(2025, 3, 1))
    page = login(cast.secretary_a).get(detail_url(c)).content.decode()
    assert 'value="struck_off"' not in page
    assert Candidate.objects.get(pk=c.pk).is_open


def test_a_strike_off_is_a_decision_with_number_date_and_issuer(cast):
    c = make_candidate(cast.cell_a, Stage.PROBATIONARY)
    with pytest.raises(RuleViolation) as exc:
        services.candidate_exit(actor=cast.commune_staff, candidate=c, reason=ExitReason.STRUCK_OFF, on=D(2025, 3, 1))
    assert any("Chưa nhập số quyết định" in m for m in exc.value.messages)
    assert any("Chưa chọn cấp ủy" in m for m in exc.value.messages)
    result = services.candidate_exit(
        actor=cast.commune_staff, candidate=c, reason=ExitReason.STRUCK_OFF, on=D(2025, 3, 1),
        document_number="77-QĐ/TU", issuer=cast.province,
    )  # fmt: skip
    assert result.candidate.exit_issuer == cast.province and result.event.document_number == "77-QĐ/TU"


@pytest.mark.parametrize("on,ok", [(D(2025, 6, 30), True), (D(2025, 7, 1), False)])
def test_no_decision_for_a_cell_after_it_closed(cast, district, on, ok):
    c = proposed(cast.cell_a, committee_resolution_date=D(2024, 9, 20), committee_votes_for=7, committee_members=9)
    Candidate.objects.filter(pk=c.pk).update(is_open=False)
    unit_update(unit=cast.cell_a, valid_to=D(2025, 6, 30))
    Candidate.objects.filter(pk=c.pk).update(is_open=True)
    if ok:
        assert decide(cast.province_staff, c, district, on).candidate.stage == Stage.DECIDED
    else:
        with pytest.raises(RuleViolation) as exc:
            decide(cast.province_staff, c, cast.commune, on)
        assert any("Chi bộ thôn Đông” đã hết hiệu lực" in m for m in exc.value.messages)
