"""The admin site (/quan-tri/): superusers run it. Staff who are not superusers (the organization
board is staff, for the public holidays) reach only the models listed in ADMIN_STAFF_MODELS, whatever
rights they are given, and within those only their own subtree (units.admin_scope).

Django's rights alone are not enough here: a right to change users lets a staff member make
themselves a superuser; a right to assignments lets them take any role anywhere; the unit tree's
move endpoint and form look past any queryset. So who may do what (users, groups, assignments,
second-factor devices), the login records and the background jobs are never opened to them, even
when listed; the app's own pages, scoped to the user's units, are where everyone else works.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

NEVER_FOR_STAFF_MODELS = frozenset({"units.assignment"})
NEVER_FOR_STAFF_APPS = frozenset({"auth", "otp_totp", "otp_static", "axes", "django_tasks_database", "jobs"})


def staff_models() -> frozenset[str]:
    """The models ("app_label.model", lower case) open in the admin to staff who are not superusers."""
    listed = {name.lower() for name in settings.ADMIN_STAFF_MODELS}
    return frozenset(
        name
        for name in listed
        if name not in NEVER_FOR_STAFF_MODELS and name.partition(".")[0] not in NEVER_FOR_STAFF_APPS
    )


class StaffLimitedMixin:
    """Every right of a model admin refused to a non-superuser when the model is not open to staff."""

    def _open_to(self, request) -> bool:
        return request.user.is_superuser or self.opts.label_lower in staff_models()

    def has_module_permission(self, request):
        return self._open_to(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._open_to(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._open_to(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._open_to(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open_to(request) and super().has_delete_permission(request, obj)


class RecruitmentAdminSite(admin.AdminSite):
    site_header = "Quản lý phát triển đảng viên"
    site_title = "Quản trị"
    index_title = "Quản trị hệ thống"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, ours and the libraries' (auth, axes, django-otp, django-tasks), limited."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, StaffLimitedMixin):
            admin_class = type(
                admin_class.__name__,
                (StaffLimitedMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        return super().register(model_or_iterable, admin_class, **options)


class RecruitmentAdminConfig(AdminConfig):
    default_site = "recruitment.admin_site.RecruitmentAdminSite"
