from reports.registry import render
from .test_render import reports  # noqa

def test_dump(reports):
    for slug, r in reports.items():
        for fmt in ("pdf", "xlsx"):
            open(f"/tmp/rp/{slug}.{fmt}", "wb").write(render(r, fmt)[0])
