import datetime
from candidates.models import Stage, Sex, Enrollment
from candidates.tests.factories import make_candidate, make_class
from reports import builders
from reports.params import make_period
from reports.render_pdf import render_pdf
from reports.render_xlsx import render_xlsx

def test_smoke(cast):
    make_candidate(cast.cell_a, Stage.PROPOSED, full_name="Nguyễn Thị Hằng", sex=Sex.FEMALE, cell_resolution_date=datetime.date(2026,9,1))
    make_candidate(cast.cell_b, Stage.PROBATIONARY, full_name="=HYPERLINK(\"http://x\",\"a\")", decision_date=datetime.date(2026,3,1), ceremony_date=datetime.date(2026,3,20))
    for i in range(80):
        make_candidate(cast.cell_a, Stage.TRAINED, certificate_date=datetime.date(2021,10,1))
    k = make_class(cast.province)
    for c in __import__("candidates.models").models.Candidate.objects.all()[:10]:
        Enrollment.objects.create(training_class=k, candidate=c, result="good", certificate_number="12/GCN", certificate_date=datetime.date(2024,6,28))
    p = make_period(2026, as_of=datetime.date(2026,11,22))
    for name, r in [("pipeline", builders.build_pipeline(user=cast.province_staff, unit=cast.province, period=p)),
                    ("summary", builders.build_summary(user=cast.province_staff, unit=cast.province, period=p)),
                    ("class", builders.build_class(user=cast.province_staff, unit=cast.province, training_class=k)),
                    ("cands", builders.build_candidates(user=cast.province_staff, unit=cast.province, queryset=__import__("candidates.models").models.Candidate.objects.all()))]:
        open(f"/tmp/rp/{name}.pdf","wb").write(render_pdf(r))
        open(f"/tmp/rp/{name}.xlsx","wb").write(render_xlsx(r))
