"""Text messages to citizens: the backends live in dossiers.sms; no gateway is reachable from here."""

from ..registry import System

SYSTEM = System(
    name="sms",
    label="Tin nhắn SMS",
    adapter=None,
    protocol="trong tiến trình",
    notes="Gửi qua bộ gửi cấu hình trong MOTCUA_SMS_BACKEND (mặc định in ra màn hình); chưa có tổng đài SMS thật.",
)
