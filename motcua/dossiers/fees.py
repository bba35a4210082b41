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

from motcua.catalogue.models import FeeItem


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
class AssistedRule:
    """Whether an online dossier keyed in with an officer's help (Dossier.assisted_by) keeps the online waiver."""

    keeps_online_waiver: bool
    reason: str
    legal_basis: str


# The citizen files on the online portal with a home-visit team or a counter officer at their side: the dossier is
# an online dossier (the channel of NQ 77), and NQ 77 does not exclude help in filing it. This reading is the
# city's; the article of NQ 77 could not be checked against its text in our sources. Set keeps_online_waiver to
# False here if the city decides otherwise: nothing else changes.
ASSISTED_ONLINE = AssistedRule(
    keeps_online_waiver=True,
    reason="Hồ sơ nộp trực tuyến có cán bộ hỗ trợ vẫn là hồ sơ trực tuyến nên giữ mức miễn, hỗ trợ phí, lệ phí.",
    legal_basis=f"{NQ77} (hồ sơ nộp trực tuyến); cách áp dụng cho hồ sơ được hỗ trợ nộp là lựa chọn của thành phố",
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


def price_item(item, *, province_code, channel, on, rules=RULES, assisted=False, assisted_rule=ASSISTED_ONLINE):
    """Return the FeeLine of one catalogue FeeItem for a dossier of this channel, province and date.

    `assisted`: an online dossier keyed in with an officer's help; `assisted_rule` says if it keeps the waiver."""
    amount = int(item.amount or 0)
    base = dict(fee_item=item, description=item.description, kind=item.kind, set_by=item.set_by,
                appraisal=item.appraisal, amount=amount)
    for rule in rules:
        if rule.applies(province_code=province_code, channel=channel, set_by=item.set_by,
                        appraisal=item.appraisal, on=on):
            reason, basis = rule.reason, rule.legal_basis
            if assisted:
                if not assisted_rule.keeps_online_waiver:
                    continue
                reason, basis = f"{reason} {assisted_rule.reason}", f"{basis}; {assisted_rule.legal_basis}"
            waived = amount * rule.waive_percent // 100
            return FeeLine(**base, payable=amount - waived, waived=waived, rule=rule.id,
                           waiver_reason=reason, legal_basis=basis)
    return FeeLine(**base, payable=amount, waived=0)


def price_dossier(*, fee_items, agency, channel, at, rules=RULES, assisted=False):
    """Return the fee lines of a dossier received by `agency` on `channel` at `at` (`assisted`: see price_item)."""
    province_code = agency.province.code if agency.province_id else ""
    on = timezone.localtime(at).date()
    return [price_item(item, province_code=province_code, channel=channel, on=on, rules=rules, assisted=assisted)
            for item in fee_items if item.kind != FeeItem.Kind.NONE]


def online_waivers(*, province_code, on, rules=RULES):
    """What a citizen saves by filing online, in the words of the rules in force (the home page's fee line).

    Returns (sentences, legal bases), both without repeats and in the rules' order; empty when none applies.
    """
    in_force = [r for r in rules if r.province_code == province_code and "online" in r.channels
                and r.effective_from <= on and (r.effective_to is None or on <= r.effective_to)]
    sentences = list(dict.fromkeys(r.reason for r in in_force))
    if any(r.appraisal is False for r in in_force):
        sentences.append("Không áp dụng với phí thẩm định.")
    return sentences, list(dict.fromkeys(r.legal_basis for r in in_force))

