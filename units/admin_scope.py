"""The admin for staff who are not superusers: their own subtree only, as on every page of the app.

A superuser sees everything. A staff member reaches the models opened to staff
(recruitment/admin_site.py) and there sees, edits and autocompletes only the rows of the units they
are assigned to and below, and may pick only such units or people in a form: one outside is "not a
valid choice", as if it did not exist. django-simple-history's history pages look the object up past
the queryset: guarded here too.
"""

from django.contrib.admin.utils import unquote
from django.http import Http404

from units.scope import scoped


class ScopedAdminMixin:
    # The path lookup of the rows' unit; by default the model's own `scope_path`.
    scope_lookup: str | None = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return scoped(request.user, queryset, self.scope_lookup)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if not request.user.is_superuser and getattr(related, "scope_path", None) and "queryset" not in kwargs:
            kwargs["queryset"] = scoped(request.user, related)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _in_scope_or_404(self, request, object_id) -> None:
        if request.user.is_superuser:
            return
        try:
            found = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, TypeError):
            found = False
        if not found:
            raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")

    def history_view(self, request, object_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)
