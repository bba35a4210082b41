"""Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị quốc gia: receives feedback sync records (TT 01/2018 Art. 16)."""

from ..adapter import HttpAdapter
from ..registry import System


class NationalPakn(HttpAdapter):
    def send(self, items: list[dict]) -> list[dict]:
        response = self.request("POST", "/api/dongbo/pakn", operation="sync_feedback", json={"items": items})
        return response.json()["results"]


SYSTEM = System(
    name="national_pakn",
    label="Hệ thống phản ánh, kiến nghị quốc gia",
    adapter=NationalPakn,
    default_url="http://127.0.0.1:8004",
    sandbox="national_pakn",
    timeout=10.0,
    notes="Môi trường thử nghiệm: bộ nhận đồng bộ chạy trên máy này (sandboxes/national_pakn).",
)
