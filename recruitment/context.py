from django.conf import settings


def demo(request):
    """DEMO=1 (`make run`): every page says it is the demo."""
    return {"DEMO": getattr(settings, "DEMO", False)}
