"""What a person's page and a class page show: for each document of the stages passed (and of the
next one), whether it can be printed, its number if already in the register, or what is missing.
The person's documents also appear as a section of the person's page (candidates.panels)."""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from candidates.models import STAGE_ORDER, Candidate, ExitReason, IntroductionRoute, stage_index
from candidates.panels import PersonSection
from candidates.services.path import admission_path
from units.scope import Action, can

from ..models import RegisterEntry
from .base import DocumentError, DocumentIncomplete, Missing
from .facts import FACTS
from .kinds import PERSON_KINDS, DocumentKind
from .papers import preload_paper_facts
from .service import prepare

FORMATS_UI = [("pdf", "PDF"), ("docx", "Word")]
SECTION_TEMPLATE = "reports/documents/person_section.html"
logger = logging.getLogger(__name__)


@dataclass
class Item:
    kind: DocumentKind
    state: str  # ready | missing | refused | no_right
    number: str = ""
    printed: bool = False
    missing: list[Missing] = field(default_factory=list)
    message: str = ""
    next_step: bool = False
    facts_url: str = ""


def _item(user, kind: DocumentKind, entries: dict, next_step: bool, **subject) -> Item:
    entry = entries.get(kind.slug)
    item = Item(kind, "ready", number=entry.number if entry else "", printed=entry is not None, next_step=next_step)
    person = subject.get("scoped_candidate")
    if kind.slug in FACTS and person is not None:
        item.facts_url = reverse("documents-facts", args=[person.pk, kind.slug])
    try:
        prepare(user=user, slug=kind.slug, **subject)
    except DocumentIncomplete as exc:
        item.state, item.missing = "missing", exc.missing
    except PermissionDenied:
        item.state = "no_right"
    except DocumentError as exc:
        item.state, item.message = "refused", str(exc)
    return item


def _applies(kind: DocumentKind, c: Candidate, path) -> bool:
    """Papers that the person's route and place in the tree call for."""
    if kind.slug == "union-resolution":
        return c.introduction_route in (IntroductionRoute.YOUTH_UNION, IntroductionRoute.TRADE_UNION) or bool(
            c.union_resolution_number
        )
    if kind.slug == "appraisal":
        return path.needs_appraisal
    if kind.slug == "committee-resolution":
        return path.needs_committee_resolution
    return True


def person_documents(user, c: Candidate) -> list[Item]:
    """`c` was fetched through the user's scope. A fixed number of queries whatever the history: the
    papers share the person, their cell's chain of units and their papers' facts (read once)."""
    path = admission_path(c.cell)
    reached = stage_index(c.stage)
    following = STAGE_ORDER[reached + 1] if reached + 1 < len(STAGE_ORDER) and c.is_open else None
    entries = {e.document_kind: e for e in RegisterEntry.objects.filter(candidates=c).order_by("created_at")}
    preload_paper_facts(c)
    items = []
    for kind in PERSON_KINDS:
        if not _applies(kind, c, path):
            continue
        if kind.slug == "strike-off":
            if c.exit_reason == ExitReason.STRUCK_OFF:
                items.append(_item(user, kind, entries, False, scoped_candidate=c))
            continue
        if kind.stage and stage_index(kind.stage) <= reached:
            items.append(_item(user, kind, entries, False, scoped_candidate=c))
        elif kind.stage and kind.stage == following:
            items.append(_item(user, kind, entries, True, scoped_candidate=c))
    return items


def may_see_person_documents(user, c: Candidate) -> bool:
    """Whether the person's page shows their documents: to those who may read the dossier and make at
    least one of its papers (the cell, its committees, the organization board) — not to the training
    centre or the viewer, whose person page is reduced to name, birth date, cell and results."""
    cell = c.cell
    return can(user, Action.VIEW_PERSONAL, cell) and any(can(user, kind.right, cell) for kind in PERSON_KINDS)


def person_section(request, c: Candidate) -> PersonSection | None:
    """The "Văn bản" section of a person's page (registered in ReportsConfig.ready)."""
    if not may_see_person_documents(request.user, c):
        return None
    context = {"candidate": c, "page_url": reverse("documents-person", args=[c.pk])}
    try:
        items = person_documents(request.user, c)
    except Exception:  # a paper's builder failing on odd data must not take the person's page down
        logger.exception("documents section of person %s", c.pk)
        return PersonSection(SECTION_TEMPLATE, context | {"failed": True})
    context |= {
        "passed": [item for item in items if not item.next_step],
        "next": [item for item in items if item.next_step],
        "formats": FORMATS_UI,
    }
    return PersonSection(SECTION_TEMPLATE, context)


def class_documents(user, klass) -> list[Item]:
    from .kinds import KINDS

    entries = {e.document_kind: e for e in RegisterEntry.objects.filter(training_class=klass)}
    return [_item(user, KINDS["certificates"], entries, False, class_id=klass.pk)]
