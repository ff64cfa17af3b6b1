"""The registry of sections that higher apps add to a person's page (candidates.panels)."""

from django.urls import reverse

from candidates import panels
from candidates.models import Stage
from candidates.tests.factories import make_candidate


def test_sections_come_in_order_and_a_builder_may_decline(cast, rf, monkeypatch):
    monkeypatch.setattr(panels, "_SECTIONS", {})
    seen = []

    def late(request, c):
        seen.append(("late", c.pk))
        return panels.PersonSection("late.html", {"n": 2})

    def early(request, c):
        return panels.PersonSection("early.html", {"n": 1})

    def hidden(request, c):
        return None

    panels.register_person_section("late", late, order=20)
    panels.register_person_section("early", early, order=10)
    panels.register_person_section("hidden", hidden, order=5)
    c = make_candidate(cast.cell_a)
    request = rf.get("/")
    request.user = cast.secretary_a
    sections = panels.person_sections(request, c)
    assert [s.template for s in sections] == ["early.html", "late.html"]
    assert sections[1].context == {"n": 2} and seen == [("late", c.pk)]


def test_the_person_page_passes_the_registered_sections(cast, login):
    """reports registers its documents section at start-up: the page gets it without importing reports."""
    c = make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    response = login(cast.secretary_a).get(reverse("candidates-detail", args=[c.pk]))
    templates = [s.template for s in response.context["person_sections"]]
    assert templates == ["reports/documents/person_section.html"]
