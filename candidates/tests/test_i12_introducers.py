"""Issue 12, items 1–2: introducers as records, the three routes (Điều lệ Điều 4.1), stale papers,
the cell's size — each at its edges."""

import datetime

import pytest

from candidates import services
from candidates.models import Candidate, Introducer, IntroductionRoute, Stage
from candidates.services import RuleViolation
from candidates.tests.factories import add_introducers, make_candidate
from candidates.tests.helpers import detail_url, post_action

D = datetime.date
MEETING = D(2026, 10, 1)
DOSSIER = {
    "application_date": D(2026, 8, 1),
    "history_certified_date": D(2026, 8, 10),
    "background_check_date": D(2026, 8, 20),
    "mass_org_comment_date": D(2026, 9, 1),
    "residence_comment_date": D(2026, 9, 2),
}


def ready(cell, route=IntroductionRoute.TWO_MEMBERS, intros=True, **over):
    """A trained candidate (31 at the meeting) whose dossier is complete but for what the test changes."""
    fields = DOSSIER | {"introduction_route": route} | over
    c = make_candidate(cell, Stage.TRAINED, **fields)
    if intros and route == IntroductionRoute.TWO_MEMBERS:
        add_introducers(c)
    return c


def review(c):
    return services.admission_review(Candidate.objects.get(pk=c.pk), MEETING)


def test_a_complete_dossier_passes(cast):
    assert review(ready(cast.cell_a)) == ([], [])


def test_the_same_introducer_twice_and_the_candidate_himself_are_refused(cast):
    c = ready(cast.cell_a, intros=False, full_name="Nguyễn Văn Tự")
    add_introducers(c, names=("Trần Văn A", "trần văn a"))
    errors, _ = review(c)
    assert any("được ghi hai lần" in e and "Điều lệ Đảng, Điều 4.2" in e for e in errors)
    c.introducers.all().delete()
    add_introducers(c, names=("Trần Văn A", "Nguyễn Văn Tự"))
    errors, _ = review(c)
    assert any("không thể tự giới thiệu" in e for e in errors)


@pytest.mark.parametrize("official,ok", [(MEETING, True), (MEETING + datetime.timedelta(days=1), False), (None, False)])
def test_an_introducer_must_be_official_on_the_meeting_day(cast, official, ok):
    c = ready(cast.cell_a, intros=False)
    add_introducers(c, names=("Trần Văn A",))
    Introducer.objects.create(candidate=c, full_name="Lê Thị B", official_date=official, together_since=D(2020, 1, 1))
    errors, _ = review(c)
    assert (errors == []) is ok, errors
    if official and not ok:
        assert any("đảng viên dự bị không được giới thiệu" in e for e in errors)


def test_a_linked_probationary_member_cannot_introduce(cast):
    member = make_candidate(cast.cell_a, Stage.PROBATIONARY, full_name="Đảng Viên Dự Bị")
    c = ready(cast.cell_a, intros=False)
    add_introducers(c, names=("Trần Văn A",))
    Introducer.objects.create(
        candidate=c,
        full_name=member.full_name,
        member=member,
        official_date=D(2010, 1, 1),
        together_since=D(2020, 1, 1),
    )
    errors, _ = review(c)
    assert any("chưa là đảng viên chính thức" in e for e in errors)


@pytest.mark.parametrize(
    "since,replacement,ok",
    [
        (D(2025, 10, 1), False, True),  # 12 months exactly on the meeting day
        (D(2025, 10, 2), False, False),  # 11 months and 29 days
        (D(2025, 11, 1), False, False),  # 11 months
        (D(2026, 9, 1), True, True),  # a replacement named by the cell is exempt
    ],
)
def test_twelve_months_together_unless_a_replacement(cast, since, replacement, ok):
    c = ready(cast.cell_a, intros=False)
    add_introducers(c, names=("Trần Văn A",))
    Introducer.objects.create(
        candidate=c, full_name="Lê Thị B", official_date=D(2010, 1, 1), together_since=since, is_replacement=replacement
    )
    errors, _ = review(c)
    assert (errors == []) is ok, errors
    if not ok:
        assert any("chưa đủ 12 tháng" in e for e in errors)


def test_the_cell_resolution_is_refused_and_nothing_written(cast):
    c = ready(cast.cell_a, intros=False)
    add_introducers(c, names=("Trần Văn A",))
    with pytest.raises(RuleViolation) as exc:
        services.candidate_record_cell_resolution(
            actor=cast.secretary_a, candidate=c, number="1", on=MEETING, votes_for=6, official_members=9
        )
    assert any("cần 2 đảng viên chính thức, mới có 1" in m for m in exc.value.messages)
    c.refresh_from_db()
    assert c.stage == Stage.TRAINED and c.cell_resolution_date is None and c.events.count() == 0


# ---- Routes --------------------------------------------------------------------------------------


def _youth(cell, **over):
    # Full 30 years on the meeting day (31 the day after): youth age.
    return ready(cell, birth_date=D(1995, 10, 2), **over)


def test_with_a_doan_a_youth_who_is_not_a_member_is_refused(cast):
    cast.grassroots.has_youth_union = True
    cast.grassroots.save()
    errors, _ = review(_youth(cast.cell_a, youth_union_member=False))
    assert any("phải là đoàn viên" in e and "Điều 4.1" in e for e in errors)


def test_with_a_doan_two_members_do_not_replace_the_doan_resolution(cast):
    cast.grassroots.has_youth_union = True
    cast.grassroots.save()
    errors, _ = review(_youth(cast.cell_a, youth_union_member=True))
    assert any("không áp dụng cho người này" in e for e in errors)


def test_the_doan_route_needs_the_resolution_and_one_member(cast):
    cast.grassroots.has_youth_union = True
    cast.grassroots.save()
    c = _youth(cast.cell_a, youth_union_member=True, route=IntroductionRoute.YOUTH_UNION)
    add_introducers(c, names=("Trần Văn A",))
    errors, _ = review(c)
    assert any("nghị quyết giới thiệu của Ban Chấp hành Đoàn" in e for e in errors)
    Candidate.objects.filter(pk=c.pk).update(union_resolution_number="5-NQ/ĐTN", union_resolution_date=D(2026, 9, 5))
    assert review(c) == ([], [])


def test_on_the_31st_birthday_two_members_apply(cast):
    cast.grassroots.has_youth_union = True
    cast.grassroots.save()
    c = ready(cast.cell_a, birth_date=D(1995, 10, 1), youth_union_member=True)
    assert review(c) == ([], [])


def test_where_the_doan_is_not_recorded_it_is_a_warning(cast):
    errors, warnings = review(_youth(cast.cell_a, youth_union_member=False))
    assert errors == [] and any("Chưa ghi đơn vị có tổ chức Đoàn" in w for w in warnings)


def test_agency_without_doan_union_route(cast):
    cast.grassroots.sector, cast.grassroots.has_youth_union, cast.grassroots.has_trade_union = "agency", False, True
    cast.grassroots.save()
    errors, _ = review(ready(cast.cell_a, trade_union_member=False))
    assert any("phải là công đoàn viên" in e for e in errors)
    c = ready(cast.cell_a, trade_union_member=True, route=IntroductionRoute.TRADE_UNION, intros=False,
              union_resolution_number="3-NQ/CĐ", union_resolution_date=D(2026, 9, 3))  # fmt: skip
    add_introducers(c, names=("Trần Văn A",))
    assert review(c) == ([], [])


def test_nobody_else_may_use_the_union_route(cast):
    c = ready(cast.cell_a, trade_union_member=True, route=IntroductionRoute.TRADE_UNION, intros=False,
              union_resolution_number="3-NQ/CĐ", union_resolution_date=D(2026, 9, 3))  # fmt: skip
    add_introducers(c, names=("Trần Văn A",))
    errors, _ = review(c)
    assert any("không áp dụng cho người này" in e for e in errors)


# ---- Stale papers, cell size -------------------------------------------------------------------


@pytest.mark.parametrize("introduced,stale", [(D(2025, 10, 1), False), (D(2025, 9, 30), True)])
def test_stale_introductions_warn_by_default_and_block_by_setting(cast, settings, introduced, stale):
    c = ready(cast.cell_a, intros=False)
    add_introducers(c, introduced_on=introduced)
    errors, warnings = review(c)
    assert errors == [] and bool(warnings) is stale
    settings.CANDIDATES_STALE_PAPERS = "block"
    errors, warnings = review(c)
    assert bool(errors) is stale and warnings == []


def test_stale_comments_warn(cast):
    errors, warnings = review(ready(cast.cell_a, mass_org_comment_date=D(2025, 9, 1)))
    assert errors == [] and any("Nhận xét của đoàn thể ngày 01/09/2025 đã quá 12 tháng" in w for w in warnings)


@pytest.mark.parametrize("members,votes,warned", [(2, 2, True), (3, 2, False)])
def test_a_cell_below_three_official_members_is_warned(cast, members, votes, warned):
    c = ready(cast.cell_a)
    result = services.candidate_record_cell_resolution(
        actor=cast.secretary_a, candidate=c, number="1", on=MEETING, votes_for=votes, official_members=members
    )
    assert any("ít hơn 3" in w for w in result.warnings) is warned


@pytest.mark.parametrize("votes,ok", [(6, True), (5, False)])
def test_cell_vote_two_thirds_exactly_and_just_below(cast, votes, ok):
    c = ready(cast.cell_a)
    call = lambda: services.candidate_record_cell_resolution(  # noqa: E731
        actor=cast.secretary_a, candidate=c, number="1", on=MEETING, votes_for=votes, official_members=9
    )
    if ok:
        assert call().candidate.stage == Stage.PROPOSED
    else:
        with pytest.raises(RuleViolation):
            call()


# ---- The form and the checklist ----------------------------------------------------------------


def test_introducers_recorded_through_the_dossier_page(cast, login):
    c = ready(cast.cell_a, intros=False)
    client = login(cast.secretary_a)
    page = client.get(detail_url(c)).content.decode()
    assert "Giới thiệu vào Đảng" in page and "còn thiếu" in page
    data = {
        "route": "members",
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "2",
        "rows-MAX_NUM_FORMS": "2",
    }
    for i, (name, since) in enumerate((("Trần Văn A", "01/01/2020"), ("Trần Văn A", "01/01/2020"))):
        data |= {
            f"rows-{i}-full_name": name,
            f"rows-{i}-official_date": "01/01/2010",
            f"rows-{i}-together_since": since,
        }
    response = post_action(client, c, "introducers", data)
    assert response.status_code == 200
    assert Introducer.objects.filter(candidate=c).count() == 2
    page = client.get(detail_url(c)).content.decode()
    assert "được ghi hai lần" in page  # the checklist says what is wrong, not ✔
    data["rows-1-full_name"] = "Lê Thị B"
    post_action(client, c, "introducers", data, version=Candidate.objects.get(pk=c.pk).version)
    assert sorted(Introducer.objects.filter(candidate=c).values_list("full_name", flat=True)) == [
        "Lê Thị B",
        "Trần Văn A",
    ]
    errors = services.admission_conditions(Candidate.objects.get(pk=c.pk), MEETING)
    assert errors == []
