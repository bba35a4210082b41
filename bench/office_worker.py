"""Child process of bench_office: prepare one agency with 20 counters and 20 signed-in officers, clear the day's
queue, and print what the load generator needs as JSON on the last line of stdout."""

import json
import sys

import django

django.setup()

from django.core.management import call_command  # noqa: E402

AGENCY = "T01-BENCH-OFFICE"
COUNTERS = 20


def main():
    from django.contrib.auth import get_user_model

    from bench.dossiers_worker import officer_session
    from motcua.office.models import Counter, QueueDay, Ticket, TicketEvent
    from motcua.units.models import Agency, Membership, Province

    call_command("migrate", verbosity=0)
    province, _ = Province.objects.get_or_create(code="1", defaults={"name": "Thành phố Hà Nội", "short_name": "Hà Nội"})
    agency, _ = Agency.objects.get_or_create(code=AGENCY, defaults={"name": "Bộ phận Một cửa đo hiệu năng",
                                                                    "kind": "khac", "province": province})
    TicketEvent.objects.filter(agency=agency).delete()
    Ticket.objects.filter(agency=agency).delete()
    QueueDay.objects.filter(agency=agency).delete()
    counters, sessions = [], []
    for n in range(1, COUNTERS + 1):
        counter, _ = Counter.objects.get_or_create(agency=agency, number=n)
        user, _ = get_user_model().objects.get_or_create(username=f"bench-counter-{n}")
        Membership.objects.get_or_create(user=user, agency=agency, role=Membership.Role.RECEPTION)
        counters.append(counter.pk)
        sessions.append(officer_session(user))
    print(json.dumps({"agency": AGENCY, "counters": counters, "sessions": sessions}))


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # reported by the parent with the traceback on stderr
        print(repr(exc), file=sys.stderr)
        raise
