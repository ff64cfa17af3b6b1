"""Optimistic locking shared by every form that edits a row two people may open at once (the same
rule as Candidate.version): the form carries the version it was drawn from; the write re-reads the
row under a lock and refuses an older version, so nobody silently overwrites a newer save.

Models with a `version` field are compared by it; models without one (the user with their
assignments) by a fingerprint of what the form shows. The admin uses `VersionedAdminMixin`.
"""

import hashlib

from django import forms
from django.core.exceptions import ValidationError

STALE_MESSAGE = (
    "Dữ liệu này vừa được người khác cập nhật (hoặc biểu mẫu đã được gửi trước đó). "
    "Dữ liệu mới nhất được giữ nguyên và hiển thị dưới đây; hãy kiểm tra rồi nhập lại nếu cần."
)


class StaleError(ValidationError):
    def __init__(self, message: str = STALE_MESSAGE):
        super().__init__(message, code="stale")


def is_stale(exc: ValidationError) -> bool:
    if isinstance(exc, StaleError):
        return True
    errors = exc.error_list if hasattr(exc, "error_list") else [e for v in exc.error_dict.values() for e in v]
    return any(getattr(e, "code", None) == "stale" for e in errors)


def lock_version(model, pk, expected_version) -> object:
    """Re-read the row under a lock (inside the caller's transaction); raise StaleError when the form
    was drawn from another version. `expected_version` None skips the check (commands, imports)."""
    locked = model._default_manager.select_for_update().get(pk=pk)
    if expected_version not in (None, "") and int(expected_version) != locked.version:
        raise StaleError()
    return locked


def fingerprint(*values) -> str:
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


class VersionedAdminMixin:
    """Admin change form with the same check: a hidden `expected_version` (the row's version, or a
    fingerprint from `admin_fingerprint(obj)` for models without one); the row is locked while the
    form is validated (the admin's change view runs in a transaction) and the version bumped on save."""

    def admin_fingerprint(self, obj) -> str:
        if hasattr(obj, "version"):
            return str(obj.version)
        return fingerprint(*(getattr(obj, f.attname) for f in obj._meta.concrete_fields))

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            return super().get_form(request, obj, change=change, **kwargs)  # an add form: nothing to lose
        admin = self
        base = kwargs.get("form") or self.form

        class VersionedForm(base):
            expected_version = forms.CharField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                if self.instance.pk and not self.is_bound:
                    self.fields["expected_version"].initial = admin.admin_fingerprint(self.instance)

            def clean(self):
                data = super().clean()
                if self.instance.pk:
                    current = type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)
                    if self.data.get(self.add_prefix("expected_version"), "") != admin.admin_fingerprint(current):
                        raise StaleError()
                    self._locked = current
                return data

        kwargs["form"] = VersionedForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not any("expected_version" in (opts.get("fields") or ()) for _, opts in fieldsets):
            fieldsets = [*fieldsets, (None, {"fields": ["expected_version"], "classes": ["hidden"]})]
        return fieldsets

    def save_model(self, request, obj, form, change):
        if change and hasattr(obj, "version"):
            locked = getattr(form, "_locked", None)
            obj.version = (locked.version if locked is not None else obj.version) + 1
        super().save_model(request, obj, form, change)
