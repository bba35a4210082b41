"""Nguồn dữ liệu y tế (hồ sơ sức khỏe điện tử): the pilot's source of the birth certificate, the death notice and
the driver's health certificate, as HL7 FHIR R4 Compositions. Every answer is validated with fhir.resources
(its R4B models: FHIR 4.3, the maintenance release of R4, unchanged for Bundle, Composition and Patient)."""

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.composition import Composition
from pydantic import ValidationError

from ..adapter import HttpAdapter
from ..errors import Rejected
from ..registry import System

# The sandbox's local code system for the three papers (not a LOINC or national code list: none is in our
# sources). Keys are the names catalogue components use in `obtainable_from`.
CODE_SYSTEM = "urn:motcua:giay-to-y-te"
PAPERS = {
    "giay_chung_sinh": "Giấy chứng sinh",
    "giay_bao_tu": "Giấy báo tử",
    "giay_kham_suc_khoe_lai_xe": "Giấy khám sức khỏe của người lái xe",
}
IDENTIFIER_SYSTEM = "urn:motcua:so-dinh-danh-ca-nhan"


class HealthRecords(HttpAdapter):
    def documents(self, paper: str, id_number: str) -> list[Composition]:
        """The Compositions of kind `paper` whose subject has the personal identification number `id_number`."""
        response = self.request("GET", "/fhir/Composition", operation=f"search_{paper}", params={
            "type": f"{CODE_SYSTEM}|{paper}", "subject:identifier": f"{IDENTIFIER_SYSTEM}|{id_number}"},
            headers={"Accept": "application/fhir+json"})
        try:
            bundle = Bundle.model_validate(response.json())
        except (ValidationError, ValueError) as e:
            raise Rejected(f"Dữ liệu y tế trả về không đúng chuẩn FHIR R4: {str(e)[:200]}") from e
        return [Composition.model_validate(entry.resource.model_dump()) for entry in bundle.entry or []
                if entry.resource is not None and entry.resource.get_resource_type() == "Composition"]


SYSTEM = System(
    name="health_records",
    label="Nguồn dữ liệu y tế (thí điểm hồ sơ sức khỏe điện tử)",
    adapter=HealthRecords,
    default_url="http://127.0.0.1:8005",
    sandbox="health_records",
    protocol="HL7 FHIR R4",
    timeout=5.0,
    health_path="/fhir/metadata",
    notes="Môi trường thử nghiệm với người mô phỏng (sandboxes/health_records); dữ liệu không có thật.",
)
