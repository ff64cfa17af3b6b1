"""Imports of people: the cells' lists (with optional history milestones) and training-class
rosters. Both run on the shared engine (spreadsheets); lookups are done in bulk before the
rows are checked and the writes are bulk inserts/updates, so the number of queries does not
grow with the number of rows.

Cells are named by code (Mã chi bộ) or by exact name (Chi bộ). A name may exist in several
places of the tree (every commune has a "Chi bộ thôn Đông"); it is resolved among the cells in
the user's scope, then the closest relatives of the cells the file names without ambiguity (the
smallest subtree holding them all), then among active cells; if still ambiguous the row is an error asking for the code.
"""

from .lists import CandidateResource
from .rosters import RosterResource

__all__ = ["CandidateResource", "RosterResource"]
