"""Cổng Dịch vụ công quốc gia (DVCQG): receives the province's dossier sync records (NĐ 224 Art. 15.1.h–i)."""

from ..adapter import HttpAdapter
from ..registry import System


class NationalPortal(HttpAdapter):
    def send(self, items: list[dict]) -> list[dict]:
        """POST a batch of sync envelopes; return the receiver's per-item results (same order)."""
        response = self.request("POST", "/api/dongbo/hoso", operation="sync_dossiers", json={"items": items})
        return response.json()["results"]


SYSTEM = System(
    name="national_portal",
    label="Cổng Dịch vụ công quốc gia (đồng bộ hồ sơ)",
    adapter=NationalPortal,
    default_url="http://127.0.0.1:8003",
    sandbox="national_portal",
    timeout=10.0,
    notes="Môi trường thử nghiệm: bộ nhận đồng bộ chạy trên máy này (sandboxes/national_portal).",
)
