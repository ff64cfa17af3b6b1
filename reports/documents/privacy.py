"""What the documents keep about a person, scrubbed when candidates.privacy anonymizes them: the
register keeps each number (numbers never repeat) but its "about" line loses the name, and the paper
facts entered for that person's documents (assessments, comments) are removed."""

from candidates.privacy import ANONYMIZED

from ..models import PaperFacts, RegisterEntry


def scrub_anonymized(former: dict[int, str]) -> None:
    PaperFacts.objects.filter(candidate_id__in=former).delete()
    entries = RegisterEntry.objects.filter(candidates__in=list(former)).distinct().prefetch_related("candidates")
    for entry in entries:
        label = entry.subject_label
        for person in entry.candidates.all():
            name = former.get(person.pk)
            if name:
                label = label.replace(name, f"{ANONYMIZED} {person.pk}")
        if label != entry.subject_label:
            RegisterEntry.objects.filter(pk=entry.pk).update(subject_label=label)
