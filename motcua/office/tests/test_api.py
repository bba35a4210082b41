import json
from datetime import date

from django.utils import timezone

from motcua.office.models import HomeVisit, Ticket


def post(client, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_kiosk_display_and_counter_over_the_api(office, client):
    r = post(client, "/api/queue/tickets", {"agency": "T01-TTPVHCC", "area_id": office.area.pk,
                                            "priority": "nguoi-khuyet-tat"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["number"], body["position"], body["priority"]) == (1001, 0, "Người khuyết tật")
    assert body["estimated_wait_minutes"] == 0 and body["follow_url"].endswith(f"/mot-cua/so/{body['token']}/")
    bad = post(client, "/api/queue/tickets", {"agency": "T01-TTPVHCC", "priority": "khong-co"})
    assert bad.status_code == 404 and "ưu tiên" in bad.json()["detail"]
    assert post(client, "/api/queue/tickets", {}).status_code == 422
    # Calling needs a signed-in officer of the agency.
    assert post(client, f"/api/queue/counters/{office.counters[0].pk}/call", {}).status_code == 401
    client.force_login(office.thu)
    assert post(client, f"/api/queue/counters/{office.counters[0].pk}/call", {}).status_code == 403
    client.force_login(office.base.lan)
    called = post(client, f"/api/queue/counters/{office.counters[0].pk}/call", {}).json()
    assert called["number"] == 1001 and called["status"] == "called"
    display = client.get("/api/queue/T01-TTPVHCC/display").json()
    assert display["calls"][0]["text"] == "Mời số 1001 đến quầy 1" and display["waiting"] == 0
    done = post(client, f"/api/queue/counters/{office.counters[0].pk}/done", {"ticket_id": called["ticket"]})
    assert done.json()["status"] == "done" and Ticket.objects.get().done_at is not None


def test_slots_booking_programmes_and_home_visits(office, client):
    r = client.get("/api/appointments/slots", {"agency": "T01-TTPVHCC", "procedure": "1.001193",
                                              "date": "2027-01-01"})
    assert r.status_code == 400 and "không phải ngày làm việc" in r.json()["detail"]
    day = timezone.localdate()
    while day.weekday() >= 5 or day == timezone.localdate():
        day = date.fromordinal(day.toordinal() + 1)
    slots = client.get("/api/appointments/slots", {"agency": "T01-TTPVHCC", "procedure": "1.001193",
                                                  "date": day.isoformat()}).json()
    made = post(client, "/api/appointments", {"agency": "T01-TTPVHCC", "procedure": "1.001193",
                                              "starts_at": slots[0]["starts_at"], "name": "Lê Văn A",
                                              "phone": "0912345678"})
    assert made.status_code == 201 and made.json()["status"] == "booked"
    programmes = client.get("/api/programmes").json()
    green = next(p for p in programmes if p["target_minutes"] == 60)
    assert green["days"] == [4] and green["procedures"] == ["1.001266"] and green["agencies"] == ["T01-X09832"]
    visit = post(client, "/api/home-visits", {"agency": "T01-X09832", "requester_name": "Nguyễn Văn Con",
                                              "requester_phone": "0912000111", "person_name": "Nguyễn Thị Mẹ",
                                              "address": "Thôn 3", "reason": "disability",
                                              "procedure_text": "Xin giấy xác nhận khuyết tật"})
    assert visit.status_code == 201 and HomeVisit.objects.get().reason == "disability"
    schema = client.get("/api/openapi.json").json()
    assert "requestBody" in schema["paths"]["/api/home-visits"]["post"]
    assert "requestBody" in schema["paths"]["/api/queue/tickets"]["post"]


def test_the_public_board_summary_shows_waiting_programmes_and_home_visits(office, client):
    from django.core.cache import cache

    from motcua.office import queue

    cache.clear()
    now = timezone.now()
    queue.issue_ticket(office.base.centre, at=now)
    queue.call_next(office.counters[0], actor=office.base.lan, at=now)
    post(client, "/api/home-visits", {"agency": "T01-X09832", "requester_name": "A", "requester_phone": "0912000111",
                                      "person_name": "B", "address": "C", "reason": "age", "procedure_text": "D"})
    from django.template import Context, Template

    html = Template("{% load office_tags %}{% office_summary %}").render(Context({}))
    assert "Lượt được mời (30 ngày)</h3><p>1</p>" in html
    assert "1 đề nghị, 0 lần đến, 0 hồ sơ trực tuyến" in html
    assert "Ngày thứ sáu xanh (Hoài Đức)" in html


def test_a_kiosk_and_a_counter_press_within_their_budget(office, client, settings):
    """A script behind a kiosk cannot fill the queue, nor a stuck call button call it empty (limit
    "counter_press" of motcua.limits, per kiosk address and agency, per counter)."""
    settings.MOTCUA_LIMITS = {"counter_press": (3, 60)}
    taken = [post(client, "/api/queue/tickets", {"agency": "T01-TTPVHCC"}).status_code for _ in range(3)]
    page = client.post("/mot-cua/T01-TTPVHCC/lay-so/", {})
    refused = post(client, "/api/queue/tickets", {"agency": "T01-TTPVHCC"})
    assert taken == [201, 201, 201] and page.status_code == 429 and refused.status_code == 429
    assert "quá nhiều số trong một phút" in refused.json()["detail"]
    assert "quá nhiều số trong một phút" in page.content.decode()
    assert Ticket.objects.count() == 3
    other = client.post("/mot-cua/T01-TTPVHCC/lay-so/", {}, REMOTE_ADDR="192.0.2.7")  # another kiosk
    assert other.status_code == 302 and Ticket.objects.count() == 4

    client.force_login(office.base.lan)
    counter = office.counters[0]
    calls = [post(client, f"/api/queue/counters/{counter.pk}/call", {}).status_code for _ in range(3)]
    stuck = client.post(f"/can-bo/mot-cua/quay/{counter.pk}/goi-tiep/")
    assert calls == [200, 200, 200] and stuck.status_code == 429 and "quá nhiều lần" in stuck.content.decode()
    assert Ticket.objects.filter(status__in=["called", "done"]).count() == 3
    assert post(client, f"/api/queue/counters/{office.counters[1].pk}/call", {}).status_code == 200
