"""A person with the whole history on record (the documents of every stage can be printed), a class
with passing trainees, and a struck-off probationary member — on the shared cast."""

import datetime

import pytest

from candidates.models import Enrollment, EventKind, ExitReason, Introducer, IntroductionRoute, Stage, StageEvent
from candidates.tests.factories import make_candidate, make_class
from reports.models import MeetingFacts, PaperFacts

D = datetime.date
NAME = "Trần Thị Thu Hường"


@pytest.fixture
def full_history(cast):
    klass = make_class(cast.province, code="K2-2023", start=D(2023, 6, 12), end=D(2023, 6, 19))
    klass.name = "Lớp bồi dưỡng nhận thức về Đảng khóa II năm 2023"
    klass.location = "Trung tâm Chính trị"
    klass.save()
    person = make_candidate(
        cast.cell_a,
        Stage.OFFICIAL,
        full_name=NAME,
        birth_date=D(1998, 2, 7),
        workplace="Hợp tác xã nông nghiệp Đông Hưng",
        youth_union_member=True,
        introduction_route=IntroductionRoute.YOUTH_UNION,
        union_resolution_number="03-NQ/ĐTN",
        union_resolution_date=D(2024, 2, 20),
        application_date=D(2024, 1, 15),
        sympathizer_date=D(2023, 1, 9),
        mentor_name="Lê Văn Đức",
        training_class=klass,
        certificate_number="215/CN",
        certificate_date=D(2023, 6, 19),
        cell_resolution_number="07-NQ/CB",
        cell_resolution_date=D(2024, 3, 5),
        cell_votes_for=11,
        cell_official_members=12,
        committee_resolution_number="18-NQ/ĐU",
        committee_resolution_date=D(2024, 3, 20),
        committee_votes_for=8,
        committee_members=9,
        decision_number="45-QĐ/ĐU",
        decision_date=D(2024, 4, 15),
        ceremony_date=D(2024, 5, 2),
        recognition_resolution_number="21-NQ/CB",
        recognition_resolution_date=D(2025, 5, 6),
        recognition_votes_for=12,
        recognition_official_members=13,
        recognition_decision_number="77-QĐ/ĐU",
        recognition_decision_date=D(2025, 5, 26),
    )
    Enrollment.objects.create(
        training_class=klass,
        candidate=person,
        result="good",
        certificate_number="215/CN",
        certificate_date=D(2023, 6, 19),
    )
    MeetingFacts.objects.create(
        unit=cast.cell_a,
        kind=MeetingFacts.Kind.ADMISSION,
        date=D(2024, 3, 5),
        members_total=14,
        members_official=12,
        members_probationary=2,
        present_official=11,
        present_probationary=2,
        absent_reason="đi công tác",
        chair="Phạm Văn Quý",
    )
    person.introducers.all().delete()
    Introducer.objects.create(
        candidate=person,
        full_name="Nguyễn Văn Tâm",
        official_date=D(2011, 5, 19),
        together_since=D(2020, 3, 1),
        introduced_on=D(2024, 1, 15),
    )
    papers = {
        "introduction": {
            "i1_admitted": "2010-05-19",
            "i1_official": "2011-05-19",
            "i1_post": "Phó Bí thư chi bộ",
            "i1_since": "2020-03-01",
            "i1_opinion": "Gương mẫu, nhiệt tình",
        },
        "union-resolution": {
            "org_superior": "Đoàn xã Tân Hòa",
            "org_name": "Ban Chấp hành Chi đoàn thôn Đông",
            "members_total": 5,
            "present": 5,
            "votes_for": 5,
            "signer_name": "Lò Văn Thắng",
        },
        "comments-summary": {
            "org_asked": 20,
            "org_agree": 19,
            "residence_asked": 10,
            "residence_agree": 10,
            "summary_date": "2024-02-25",
        },
        "ceremony": {
            "place": "Nhà văn hóa thôn Đông",
            "chair": "Phạm Văn Quý",
            "members_present": 13,
            "secretary": "Đinh Thị Nga",
            "superior_representative": "Hà Minh Khôi",
        },
        "probation-comments": {
            "org_asked": 18,
            "org_agree": 18,
            "residence_asked": 9,
            "residence_agree": 8,
            "summary_date": "2025-04-28",
        },
    }
    for kind, data in papers.items():
        PaperFacts.objects.create(candidate=person, kind=kind, data=data)
    cast.person = person
    cast.klass = klass
    return cast


@pytest.fixture
def struck_off(cast):
    c = make_candidate(
        cast.cell_a,
        Stage.PROBATIONARY,
        full_name="Đỗ Văn Ưng",
        is_open=False,
        exit_reason=ExitReason.STRUCK_OFF,
        exit_date=D(2025, 2, 3),
    )
    StageEvent.objects.create(
        candidate=c,
        kind=EventKind.EXIT,
        action="Xóa tên",
        legal_date=D(2025, 2, 3),
        unit=cast.cell_a,
        note="Không thực hiện nhiệm vụ đảng viên dự bị",
    )
    return c
