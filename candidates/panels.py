"""Sections that higher apps add to a person's page. The candidates app knows no app above it: each
app that shows something on the page (reports: the person's documents) registers a builder here when
Django starts (its AppConfig.ready), the way imports.registry and units.selectors.register_subtree_counter
are filled. A builder returns the template and its context, or None when the user may not see it."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PersonSection:
    template: str  # included in candidates/detail.html with `section` = context
    context: dict = field(default_factory=dict)


# builder(request, candidate) -> PersonSection | None
SectionBuilder = Callable[[object, object], PersonSection | None]

_SECTIONS: dict[str, tuple[int, SectionBuilder]] = {}


def register_person_section(name: str, builder: SectionBuilder, *, order: int = 100) -> None:
    """Show what `builder` returns on every person's page, sections in `order`."""
    _SECTIONS[name] = (order, builder)


def person_sections(request, candidate) -> list[PersonSection]:
    """The sections this user sees on this person's page (the candidate was fetched through the scope)."""
    sections = []
    for _order, builder in sorted(_SECTIONS.values(), key=lambda item: item[0]):
        section = builder(request, candidate)
        if section is not None:
            sections.append(section)
    return sections
