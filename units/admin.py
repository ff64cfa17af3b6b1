from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .admin_scope import ScopedAdminMixin
from .exports import AdminExportMixin, PartyUnitExport
from .models import Assignment, PartyUnit, UnitMerge
from .scope import scope_paths, scoped
from .versioning import VersionedAdminMixin, fingerprint


@admin.register(PartyUnit)
class PartyUnitAdmin(ScopedAdminMixin, AdminExportMixin, VersionedAdminMixin, TreeAdmin, SimpleHistoryAdmin):
    resource_classes = [PartyUnitExport]
    export_filename = "to_chuc_dang"
    form = movenodeform_factory(PartyUnit, exclude=["search_name", "successor"])
    list_display = ["name", "code", "kind", "sector", "valid_to"]
    list_filter = ["kind", "sector"]
    search_fields = ["code", "name", "search_name"]

    # Read only for staff who are not superusers, even when opened to them (ADMIN_STAFF_MODELS): the
    # tree's form and its move endpoint place a unit relative to any unit of the country. Committees
    # change their units on the app's unit pages (scoped, with the merge and closing steps).
    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def children_view(self, request, parent_id):
        """A level of the tree opened below a unit outside the user's scope answers as an unknown one."""
        units = PartyUnit.objects.all() if request.user.is_superuser else scoped(request.user, PartyUnit)
        try:
            found = units.filter(pk=parent_id).exists()
        except (ValueError, TypeError):  # treebeard would answer 500 to an id that is no number
            found = False
        if not found:
            raise Http404("Không tìm thấy hoặc bạn không có quyền xem.")
        return super().children_view(request, parent_id)

    def get_queryset(self, request):
        """The tree's first level for staff who are not superusers: the units they are assigned to
        (the roots of their subtrees), not the provinces; below, the children within their scope."""
        first_level = (
            not request.user.is_superuser
            and hasattr(request, "_treebeard_parent_id")
            and not request._treebeard_parent_id
            and not getattr(request, "_ignore_treebeard_filters", False)
            and not self.is_filtered(request)
        )
        if first_level:
            request._treebeard_parent = None
            return PartyUnit.objects.filter(path__in=scope_paths(request.user) or [])
        return super().get_queryset(request)


# Users and assignments are superusers' only (recruitment/admin_site.py: never opened to other staff).
@admin.register(Assignment)
class AssignmentAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name", "unit__code"]
    autocomplete_fields = ["unit", "user"]


@admin.register(UnitMerge)
class UnitMergeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope_lookup = "target__path"
    list_display = ["merged_on", "source", "target", "decision", "created_by"]
    search_fields = ["source__name", "target__name", "decision"]
    readonly_fields = ["source", "target", "merged_on", "decision", "moved", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False  # merges go through units.services.unit_merge (the unit page)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    autocomplete_fields = ["unit"]


# Staff manage users and their assignments on one page.
User = get_user_model()
admin.site.unregister(User)


@admin.action(description="Đặt lại xác thực hai lớp (xóa ứng dụng xác thực và mã dự phòng)")
def reset_two_factor(modeladmin, request, queryset):
    from django_otp import devices_for_user

    count = 0
    for user in queryset:
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        count += 1
    modeladmin.message_user(
        request, f"Đã đặt lại xác thực hai lớp cho {count} tài khoản; họ sẽ thiết lập lại khi đăng nhập."
    )


@admin.register(User)
class UserWithAssignmentsAdmin(VersionedAdminMixin, UserAdmin):
    inlines = [AssignmentInline]
    actions = [reset_two_factor]

    def admin_fingerprint(self, obj) -> str:
        """The user's fields and assignments: two admins editing one user's roles never overwrite."""
        fields = [getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname != "last_login"]
        roles = sorted(Assignment.objects.filter(user_id=obj.pk).values_list("id", "unit_id", "role"))
        groups = sorted(obj.groups.values_list("id", flat=True))
        return fingerprint(fields, roles, groups)

    list_display = ["username", "last_name", "first_name", "is_staff", "is_active", "last_login"]
