"""The spreadsheet engine: reading files within limits (reader), widgets for Vietnamese cell values
(widgets), the header row under a title block (table), our own row loop (resource; several times
faster than django-import-export's, which only exports from the admin here) and bulk writes (bulk).
It knows no app of the project: the import workflow (imports/) and the domain apps' resources stand
on it."""
