"""The spreadsheet engine: reading files within limits (reader), widgets for Vietnamese cell values
(widgets), the header row under a title block (table), the row loop on django-import-export
(resource) and bulk writes (bulk). It knows no app of the project: the import workflow (imports/)
and the domain apps' resources stand on it."""
