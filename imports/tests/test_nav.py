"""The nav shows "Nhập dữ liệu" only to roles that may import (the page answers 403 to the others)."""

from django.urls import reverse


def test_import_link_only_for_roles_that_may_import(cast, login):
    link = f'href="{reverse("imports-index")}"'
    for user in (cast.secretary_a, cast.viewer):
        body = login(user).get(reverse("home")).content.decode()
        assert link not in body
        assert login(user).get(reverse("imports-index")).status_code == 403
    for user in (cast.province_staff, cast.training):
        body = login(user).get(reverse("home")).content.decode()
        assert link in body
