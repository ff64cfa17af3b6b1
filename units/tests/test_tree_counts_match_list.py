"""The "Đang theo dõi" count of the tree and the unit page equals the number on the list it links to."""

import re

from django.urls import reverse

from candidates.models import Stage
from candidates.tests.factories import make_candidate


def test_unit_page_count_matches_the_linked_list(cast, login):
    make_candidate(cast.cell_a, Stage.SYMPATHIZER)
    make_candidate(cast.cell_a, Stage.TRAINED)
    make_candidate(cast.cell_a, Stage.OFFICIAL)  # admitted and recognized: out of the pipeline count
    client = login(cast.secretary_a)
    for page in (reverse("units-detail", args=[cast.cell_a.code]), reverse("units-tree")):
        body = client.get(page).content.decode()
        links = re.findall(r'<a href="(/ung-vien/\?[^"]*)">([\d.]+)</a>', body)
        assert links, page
        for href, number in links:
            listing = client.get(href.replace("&amp;", "&")).content.decode()
            assert f"{number} người" in listing, (page, href, number)
