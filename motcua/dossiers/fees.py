"""The fee policy engine: which part of each catalogue fee a dossier must pay, what is waived, and why.

Rules are keyed by channel, fee authority (Ministry of Finance or the provincial council), appraisal fee or
not, the receiving agency's province and the effective dates, and carry their legal basis. Hanoi's rules
(domain.md §10):

- NQ 07/2023/NQ-HĐND: fees set by HĐND TP are 0 đồng for online submissions, until 31/12/2025.
- NQ 77/2025/NQ-HĐND (effective 01/01/2026), online only: fees set by HĐND TP are 0 đồng, and the city
  supports 100% of fees set by the Ministry of Finance; appraisal fees (phí thẩm định) excluded in both cases.

Left out: NQ 77's support of postal return costs and of digital-signature certificates (not catalogue fees),
and the restriction to procedures under UBND TP (the catalogue does not yet say which procedures those are;
rules apply to every procedure received by an agency of the city).
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class FeeRule:
    id: str
    province_code: str
    channels: frozenset
    set_by: frozenset
    appraisal: bool | None  # None: any fee; False: not an appraisal fee; True: appraisal fees only
    waive_percent: int
    reason: str
    legal_basis: str
    effective_from: date
    effective_to: date | None = None

    def applies(self, *, province_code, channel, set_by, appraisal, on):
        return (
            self.province_code == province_code
            and channel in self.channels
            and set_by in self.set_by
            and (self.appraisal is None or self.appraisal == appraisal)
            and self.effective_from <= on
            and (self.effective_to is None or on <= self.effective_to)
        )


NQ77 = "Nghị quyết số 77/2025/NQ-HĐND ngày 27/11/2025 của HĐND thành phố Hà Nội"
NQ07 = "Nghị quyết số 07/2023/NQ-HĐND ngày 04/07/2023 của HĐND thành phố Hà Nội"

RULES = (
    FeeRule("hanoi-nq77-hdnd", "1", frozenset({"online"}), frozenset({"hdnd"}), False, 100,
            "Phí, lệ phí do HĐND Thành phố quy định: mức thu 0 đồng khi nộp hồ sơ trực tuyến.", NQ77,
            date(2026, 1, 1)),
    FeeRule("hanoi-nq77-mof", "1", frozenset({"online"}), frozenset({"mof"}), False, 100,
            "Thành phố hỗ trợ 100% phí, lệ phí do Bộ Tài chính quy định khi nộp hồ sơ trực tuyến.", NQ77,
            date(2026, 1, 1)),
    FeeRule("hanoi-nq07-hdnd", "1", frozenset({"online"}), frozenset({"hdnd"}), False, 100,
            "Phí, lệ phí do HĐND Thành phố quy định: mức thu 0 đồng khi nộp hồ sơ trực tuyến.", NQ07,
            date(2023, 7, 14), date(2025, 12, 31)),
)


@dataclass(frozen=True)
class FeeLine:
    fee_item: object
    description: str
    kind: str
    set_by: str
    appraisal: bool
    amount: int
    payable: int
    waived: int
    rule: str = ""
    waiver_reason: str = ""
    legal_basis: str = ""


def price_item(item, *, province_code, channel, on, rules=RULES):
    """Return the FeeLine of one catalogue FeeItem for a dossier of this channel, province and date."""
    amount = int(item.amount or 0)
    base = dict(fee_item=item, description=item.description, kind=item.kind, set_by=item.set_by,
                appraisal=item.appraisal, amount=amount)
    for rule in rules:
        if rule.applies(province_code=province_code, channel=channel, set_by=item.set_by,
                        appraisal=item.appraisal, on=on):
            waived = amount * rule.waive_percent // 100
            return FeeLine(**base, payable=amount - waived, waived=waived, rule=rule.id,
                           waiver_reason=rule.reason, legal_basis=rule.legal_basis)
    return FeeLine(**base, payable=amount, waived=0)


def price_dossier(*, fee_items, agency, channel, at, rules=RULES):
    """Return the fee lines of a dossier received by `agency` on `channel` at `at`."""
    province_code = agency.province.code if agency.province_id else ""
    on = timezone.localtime(at).date()
    return [price_item(item, province_code=province_code, channel=channel, on=on, rules=rules)
            for item in fee_items if item.kind != "mien_phi"]
