from units.models import PartyUnit
from units.scope import Action, can, scoped


def test_secretary_sees_only_their_cell(cast):
    assert list(scoped(cast.secretary_a, PartyUnit).values_list("code", flat=True)) == ["P-C1-G1-A"]


def test_commune_staff_sees_commune_subtree(cast):
    codes = set(scoped(cast.commune_staff, PartyUnit).values_list("code", flat=True))
    assert codes == {"P-C1", "P-C1-G1", "P-C1-G1-A", "P-C1-G1-B"}


def test_outsider_sees_nothing_of_the_province(cast):
    assert not scoped(cast.outsider, PartyUnit).filter(path__startswith=cast.province.path).exists()


def test_roles_give_rights(cast):
    assert can(cast.province_staff, Action.MANAGE_UNITS, cast.cell_a)
    assert not can(cast.commune_staff, Action.MANAGE_UNITS, cast.cell_a)
    assert can(cast.secretary_a, Action.EDIT_CANDIDATES, cast.cell_a)
    assert not can(cast.secretary_a, Action.EDIT_CANDIDATES, cast.cell_b)
    assert not can(cast.viewer, Action.EDIT_CANDIDATES, cast.cell_a)
    assert can(cast.training, Action.RECORD_TRAINING, cast.cell_a)
