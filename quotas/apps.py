from django.apps import AppConfig


class QuotasConfig(AppConfig):
    name = "quotas"
    verbose_name = "Chỉ tiêu kết nạp"

    def ready(self):
        # A merge carries the source's quotas and admissions over to the successor (quotas.services).
        from units.services import register_merge_handler

        from .services import merge_handler

        register_merge_handler(merge_handler)

        from imports.registry import register_resource

        from .resources import QuotaResource

        register_resource("quotas", QuotaResource, order=40)
