from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Nhập dữ liệu từ Excel"

    def ready(self):
        # The units app stands below the import workflow, so the workflow registers its resource;
        # the apps above (candidates, quotas) register their own.
        from units.resources import UnitResource

        from .registry import register_resource

        register_resource("units", UnitResource, order=10)

        from jobs.registry import register

        from .jobs import KIND, run_confirm

        register(KIND, run_confirm)
