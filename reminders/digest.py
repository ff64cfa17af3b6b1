"""The daily digest: each user's own deadline-board items (candidates.selectors, scoped to the user),
sorted into overdue, due within the week, and new on the board today (on it today, not yesterday).

`python manage.py send_reminders [--dry-run]` prints or sends it; the worker sends it as a job
(JOB_KIND) when the command is run with --queue (a daily timer, see the README)."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from candidates import clock
from candidates import selectors as board
from units.labels import display_names
from units.models import Assignment

JOB_KIND = "reminders.digest"
WEEK = datetime.timedelta(days=7)
PER_SECTION = 200  # items read per board section for one user (the e-mail lists at most ITEMS_SHOWN)
ITEMS_SHOWN = 30


@dataclass
class Item:
    name: str
    cell: str
    what: str
    date: datetime.date
    path: str

    def line(self) -> str:
        return f"- {self.name} ({self.cell}): {self.what} — {self.date:%d/%m/%Y}"


@dataclass
class Digest:
    user: object
    on: datetime.date
    overdue: list[Item] = field(default_factory=list)
    due_this_week: list[Item] = field(default_factory=list)
    new_today: list[Item] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_this_week or self.new_today)

    @property
    def subject(self) -> str:
        return (
            f"Nhắc việc {self.on:%d/%m/%Y}: {len(self.overdue)} quá hạn, {len(self.due_this_week)} đến hạn trong tuần, "
            f"{len(self.new_today)} việc mới"
        )

    def body(self, base_url: str = "") -> str:
        name = self.user.get_full_name() or self.user.username
        lines = [f"Kính gửi đồng chí {name},", "", f"Việc cần làm trong phạm vi của đồng chí, ngày {self.on:%d/%m/%Y}:"]
        for title, items in (
            ("Quá hạn", self.overdue),
            ("Đến hạn trong 7 ngày tới", self.due_this_week),
            ("Mới có trong bảng việc cần làm hôm nay", self.new_today),
        ):
            lines += ["", f"{title} ({len(items)}):"]
            lines += [i.line() for i in items[:ITEMS_SHOWN]] or ["- Không có."]
            if len(items) > ITEMS_SHOWN:
                lines.append(f"- … và {len(items) - ITEMS_SHOWN} việc nữa.")
        lines += [
            "",
            f"Xem đầy đủ: {base_url}/ung-vien/viec-can-lam/",
            f"Không muốn nhận thư này: {base_url}/nhac-viec/ (tắt “Nhận thư nhắc việc hằng ngày”).",
        ]
        return "\n".join(lines)


def _board_items(user, on: datetime.date) -> dict[tuple[int, str], tuple]:
    """{(candidate id, section key): (candidate, section)} on the board of `on`."""
    c = board.cutoffs(on)
    found = {}
    for section in board.BOARD_SECTIONS:
        for cand in board.board_section(user=user, key=section.key, c=c)[:PER_SECTION]:
            found[(cand.pk, section.key)] = (cand, section)
    return found


def digest_for(user, on: datetime.date | None = None) -> Digest:
    on = on or clock.today()
    today_items = _board_items(user, on)
    yesterday = set(_board_items(user, on - datetime.timedelta(days=1)))
    candidates = {cand.pk: cand for cand, _ in today_items.values()}
    board.annotate_deadlines(list(candidates.values()), on)
    cells = display_names(c.cell for c in candidates.values())
    digest = Digest(user=user, on=on)
    seen = set()
    for key, (cand, section) in sorted(today_items.items(), key=lambda kv: (kv[1][1].key, kv[1][0].sort_key)):
        cell = cells.get(cand.cell_id, "")
        if key not in yesterday:
            digest.new_today.append(Item(cand.full_name, cell, section.title, on, f"/ung-vien/{cand.pk}/"))
        for d in cand.deadlines:
            if (cand.pk, d.label) in seen:
                continue
            item = Item(cand.full_name, cell, d.label, d.date, f"/ung-vien/{cand.pk}/")
            if d.date < on:
                digest.overdue.append(item)
                seen.add((cand.pk, d.label))
            elif d.date <= on + WEEK:
                digest.due_this_week.append(item)
                seen.add((cand.pk, d.label))
    digest.overdue.sort(key=lambda i: i.date)
    digest.due_this_week.sort(key=lambda i: i.date)
    return digest


def recipients():
    """Users with an assignment, active, who have not turned the digest off."""
    User = get_user_model()
    assigned = Assignment.objects.values("user_id")
    return (
        User.objects.filter(is_active=True, pk__in=assigned)
        .exclude(reminder_settings__daily_digest=False)
        .order_by("username")
    )


def send_digests(*, on: datetime.date | None = None, dry_run: bool = False, write=print, progress=None) -> dict:
    """Send (or, dry run, print) each recipient's digest; an empty digest is not sent."""
    on = on or clock.today()
    users = list(recipients())
    base_url = getattr(settings, "SITE_URL", "").rstrip("/")
    counts = {"sent": 0, "empty": 0, "no_email": 0}
    for n, user in enumerate(users, start=1):
        digest = digest_for(user, on)
        if digest.empty:
            counts["empty"] += 1
            write(f"== {user.username}: không có việc nào, không gửi thư.")
        elif not user.email:
            counts["no_email"] += 1
            write(
                f"== {user.username}: chưa có địa chỉ thư, không gửi được.\n{digest.subject}\n{digest.body(base_url)}"
            )
        elif dry_run:
            counts["sent"] += 1
            write(f"== {user.username} <{user.email}>\nTiêu đề: {digest.subject}\n{digest.body(base_url)}\n")
        else:
            send_mail(digest.subject, digest.body(base_url), None, [user.email])
            counts["sent"] += 1
        if progress:
            progress(n, len(users))
    return counts


def run_digest_job(job, progress):
    """The worker's side: send today's digests (started by `send_reminders --queue`)."""
    from jobs.registry import JobResult

    counts = send_digests(write=lambda text: None, progress=progress)
    return JobResult(
        message=f"Đã gửi {counts['sent']} thư nhắc việc; {counts['empty']} người không có việc; "
        f"{counts['no_email']} người chưa có địa chỉ thư."
    )
