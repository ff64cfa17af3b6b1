"""Which resource imports which kind of file. The import workflow knows no domain app: each app that
offers an import registers its resource here when Django starts (its AppConfig.ready), the way unit
merges call the handlers other apps register (units.services.register_merge_handler)."""

from spreadsheets.resource import SpreadsheetResource

_RESOURCES: dict[str, tuple[int, type[SpreadsheetResource]]] = {}


def register_resource(kind: str, resource: type[SpreadsheetResource], *, order: int) -> None:
    """Offer `resource` for files of `kind`; `order` places it on the import page."""
    _RESOURCES[kind] = (order, resource)


def kinds() -> tuple[str, ...]:
    """The registered kinds in their page order."""
    return tuple(kind for kind, _ in sorted(_RESOURCES.items(), key=lambda item: item[1][0]))


def resource_class(kind: str) -> type[SpreadsheetResource]:
    """The resource registered for `kind`; KeyError for an unknown kind."""
    return _RESOURCES[kind][1]
