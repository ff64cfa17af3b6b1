"""Small factories for tests: a candidate at any stage, with consistent records, written directly
(fast, for lists, quotas and reports) — the services are tested on their own."""

import datetime
import itertools

from candidates.models import Candidate, GeneralEducation, Introducer, IntroductionRoute, Sex, Stage, TrainingClass

_seq = itertools.count(1)

STAGE_FIELDS = {
    Stage.SYMPATHIZER: {"sympathizer_date": datetime.date(2024, 1, 10), "mentor_name": "Nguyễn Văn Giúp"},
    Stage.TRAINED: {
        "training_result": "good",
        "certificate_number": "100/GCN",
        "certificate_date": datetime.date(2024, 6, 28),
    },
    Stage.PROPOSED: {
        "application_date": datetime.date(2024, 7, 1),
        "history_certified_date": datetime.date(2024, 7, 15),
        "background_check_date": datetime.date(2024, 8, 1),
        "introduction_route": IntroductionRoute.TWO_MEMBERS,
        "mass_org_comment_date": datetime.date(2024, 8, 5),
        "residence_comment_date": datetime.date(2024, 8, 6),
        "cell_resolution_number": "05-NQ/CB",
        "cell_resolution_date": datetime.date(2024, 9, 10),
        "cell_votes_for": 9,
        "cell_official_members": 10,
        "committee_resolution_number": "12-NQ/ĐU",
        "committee_resolution_date": datetime.date(2024, 9, 20),
        "committee_votes_for": 7,
        "committee_members": 9,
    },
    Stage.DECIDED: {
        "decision_number": "101-QĐ/TU",
        "decision_date": datetime.date(2024, 10, 15),
        "decision_issuer": "Ban Thường vụ Tỉnh ủy",
    },
    Stage.PROBATIONARY: {"ceremony_date": datetime.date(2024, 11, 1)},
    Stage.OFFICIAL: {
        "recognition_resolution_number": "20-NQ/CB",
        "recognition_resolution_date": datetime.date(2025, 11, 5),
        "recognition_votes_for": 9,
        "recognition_official_members": 10,
        "recognition_decision_number": "300-QĐ/TU",
        "recognition_decision_date": datetime.date(2025, 11, 20),
    },
}


def make_candidate(cell, stage: str = Stage.SOURCE, **overrides) -> Candidate:
    fields = {
        "full_name": f"Nguyễn Văn Số {next(_seq)}",
        "birth_date": datetime.date(1995, 5, 17),
        "sex": Sex.MALE,
        "general_education": GeneralEducation.UPPER_SECONDARY,
        "cell": cell,
        "stage": stage,
    }
    for s in Stage.values[1 : Stage.values.index(stage) + 1]:
        fields.update(STAGE_FIELDS[s])
    if Stage.values.index(stage) >= Stage.values.index(Stage.DECIDED):
        fields["admitting_unit"] = cell
    fields.update(overrides)
    candidate = Candidate.objects.create(**fields)
    if fields.get("introduction_route") == IntroductionRoute.TWO_MEMBERS and Stage.values.index(
        stage
    ) >= Stage.values.index(Stage.PROPOSED):
        add_introducers(candidate)
    return candidate


def add_introducers(
    candidate: Candidate,
    names=("Trần Văn A", "Lê Thị B"),
    *,
    official=datetime.date(2010, 1, 1),
    since=datetime.date(2020, 1, 1),
    introduced_on=None,
    **extra,
) -> list[Introducer]:
    """Introducers who meet every condition (official long ago, together since 2020) unless told."""
    return [
        Introducer.objects.create(
            candidate=candidate,
            full_name=name,
            official_date=official,
            together_since=since,
            introduced_on=introduced_on,
            **extra,
        )
        for name in names
    ]


def make_class(unit, code="K1-2024", start=datetime.date(2024, 6, 20), end=datetime.date(2024, 6, 27)) -> TrainingClass:
    return TrainingClass.objects.create(
        code=code, name=f"Lớp bồi dưỡng {code}", unit=unit, start_date=start, end_date=end
    )
