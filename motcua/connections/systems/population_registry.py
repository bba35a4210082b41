"""Cơ sở dữ liệu quốc gia về dân cư (the national population database): identity checks and residence.

The adapter asks for one citizen by personal number, checks a name and birth date against the record, and reads
a household. It authenticates with a bearer token (`MOTCUA_POPULATION_REGISTRY_TOKEN`; the sandbox's by
default). `make run` starts the sandbox (sandboxes/population_registry), whose people are synthetic.
"""

import os

from ..adapter import HttpAdapter
from ..errors import Rejected
from ..registry import System

SANDBOX_TOKEN = "sandbox-population-registry"


class PopulationRegistry(HttpAdapter):
    def _headers(self):
        token = os.environ.get("MOTCUA_POPULATION_REGISTRY_TOKEN", SANDBOX_TOKEN)
        return {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    def lookup(self, pid: str) -> dict | None:
        """The citizen's record (name, birth date, permanent residence, household), or None if unknown."""
        try:
            return self.request("GET", f"/v1/cong-dan/{pid}", operation="lookup", headers=self._headers()).json()
        except Rejected as e:
            if e.status_code == 404:
                return None
            raise

    def verify(self, pid: str, name: str, birth_date: str) -> dict:
        """{"khop": bool, "truong_khong_khop": [...]}: whether the name and birth date match the record."""
        body = {"so_dinh_danh": pid, "ho_ten": name, "ngay_sinh": birth_date}
        return self.request("POST", "/v1/xac-thuc", operation="verify", json=body, headers=self._headers()).json()

    def household(self, household_id: str) -> dict | None:
        try:
            return self.request("GET", f"/v1/ho-gia-dinh/{household_id}", operation="household",
                                headers=self._headers()).json()
        except Rejected as e:
            if e.status_code == 404:
                return None
            raise


SYSTEM = System(
    name="population_registry",
    label="Cơ sở dữ liệu quốc gia về dân cư",
    adapter=PopulationRegistry,
    default_url="http://127.0.0.1:8002",
    sandbox="population_registry",
    timeout=3.0,
    retries=2,
    notes="Môi trường thử nghiệm: CSDL dân cư mô phỏng chạy trên máy này (sandboxes/population_registry), "
          "người mô phỏng theo phân bố họ và dân số xã thật.",
)
