from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.connections.tests.sandbox import records
from motcua.feedback import services
from motcua.sync import sender
from motcua.sync.models import OutboxRecord, Target

AT = datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_feedback_events_reach_the_pakn_system_in_order(db, pakn, pakn_url):
    item = services.file_feedback(category="quy_dinh", title="Giờ tiếp dân", content="Đề nghị mở thêm buổi sáng thứ Bảy.",
                                  channel="web", at=AT, phone="0912345678", citizen_name="Nguyễn Văn An")
    rows = list(OutboxRecord.objects.filter(target=Target.NATIONAL_PAKN).order_by("seq"))
    assert [r.seq for r in rows] == [1]
    payload = rows[0].payload
    assert payload["state"] == "waiting" and payload["deadlines"]["refuse"]
    assert "0912345678" not in str(payload) and "Nguyễn Văn An" not in str(payload)  # no personal data
    assert sender.problems(Target.NATIONAL_PAKN, sender.envelope(vars(rows[0]))) == []
    r = sender.drain(Target.NATIONAL_PAKN, pakn)
    assert r.sent == 1
    assert [x["state"] for x in records(pakn_url, f"pakn:{item.code}")] == ["waiting"]
