"""The unit tree shows the candidates in the pipeline below each unit, in one extra query."""

from django.urls import reverse

from candidates.models import Stage
from candidates.tests.factories import make_candidate
from units import selectors


def test_counts_cover_the_subtree_and_the_scope(cast):
    make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    make_candidate(cast.cell_a, Stage.PROPOSED)
    make_candidate(cast.cell_b, Stage.SOURCE)
    make_candidate(cast.cell_b, Stage.OFFICIAL)  # a full member: no longer in the pipeline
    make_candidate(cast.cell_b, Stage.SOURCE, is_open=False, exit_reason="withdrawn")
    make_candidate(cast.school, Stage.TRAINED)
    rows = {r["unit"].code: r["candidates"] for r in selectors.tree_rows(cast.province_staff, cast.province)}
    assert rows == {"P": 4, "P-C1": 3, "P-C1-G1": 3, "P-C1-G1-A": 2, "P-C1-G1-B": 1, "P-C2": 1, "P-C2-S": 1}
    rows = {r["unit"].code: r["candidates"] for r in selectors.tree_rows(cast.secretary_a, cast.cell_a)}
    assert rows == {"P-C1-G1-A": 2}


def test_the_tree_page_links_to_the_filtered_list(cast, login):
    make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    body = login(cast.commune_staff).get(reverse("units-tree")).content.decode()
    assert f'href="{reverse("candidates-list")}?unit=P-C1-G1-A">1</a>' in body
