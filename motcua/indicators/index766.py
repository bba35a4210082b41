"""The service index of Decision 766/QĐ-TTg (100 points), computed from counts — pure Python.

Group weights are verified (DVCQG API `groupScores`: CKMB 18, TDGQ 20, CLGQ 12, TTTT 10, MDSH 22, MDHL 18).
Per-indicator points are published only for 1.2 (4 points) and 5.4 (6 points); the rest below are
ASSUMPTIONS, kept as data in IndexConfig so that an administrator can correct them without a release:
- group 1 (18): 1.1 = 4, 1.2 = 4, 1.3 = 5, 1.4 = 5;
- group 2 (20): 2.1 = 20 (2.2, average time, is display only);
- group 3 online services (12): 3.1 = 4 (threshold 80%), 3.2 = 4, 3.3 = 4 (threshold 50%);
- group online payment (10): 3.5 = 5 (threshold 80%), 3.6 = 5;
- group 4 (22): 4.1 = 5, 4.2 = 5 (threshold 80%), 4.3 = 4 (threshold 80%), 4.4 = 4, 4.5 = 4;
- group 5 (18): 5.1 = 5, 5.2 = 5, 5.3 = 2, 5.4 = 6 (threshold 90%) — the 5/5/2/6 split one dashboard uses.

How N/A is handled (also an assumption, shown on screen): an indicator with a zero denominator scores
N/A; a group scores its points × (points earned / points of indicators with data); the total is the sum of
groups with data rescaled to 100, with the points actually covered reported next to it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .formulas import capped_score, round2

GROUPS = {
    "CKMB": ("Công khai, minh bạch", 18),
    "TDGQ": ("Tiến độ giải quyết", 20),
    "CLGQ": ("Cung cấp dịch vụ trực tuyến", 12),
    "TTTT": ("Thanh toán trực tuyến", 10),
    "MDSH": ("Mức độ số hóa hồ sơ", 22),
    "MDHL": ("Mức độ hài lòng", 18),
}

# id: (group, name, points, threshold or None)
INDICATORS = {
    "1.1": ("CKMB", "Công bố TTHC đúng hạn", 4, None),
    "1.2": ("CKMB", "Công khai TTHC đúng hạn", 4, None),
    "1.3": ("CKMB", "Công khai đầy đủ các thành phần của TTHC", 5, None),
    "1.4": ("CKMB", "Đồng bộ hồ sơ lên Cổng DVCQG", 5, None),
    "2.1": ("TDGQ", "Hồ sơ giải quyết đúng hạn, trước hạn", 20, None),
    "3.1": ("CLGQ", "TTHC cung cấp dịch vụ công trực tuyến", 4, 0.8),
    "3.2": ("CLGQ", "TTHC có phát sinh hồ sơ trực tuyến", 4, None),
    "3.3": ("CLGQ", "Tỷ lệ hồ sơ trực tuyến", 4, 0.5),
    "3.5": ("TTTT", "TTHC có phí được thanh toán trực tuyến", 5, 0.8),
    "3.6": ("TTTT", "Hồ sơ thanh toán trực tuyến", 5, None),
    "4.1": ("MDSH", "Hồ sơ cấp kết quả điện tử", 5, None),
    "4.2": ("MDSH", "Hồ sơ được số hóa", 5, 0.8),
    "4.3": ("MDSH", "Tái sử dụng dữ liệu số hóa", 4, 0.8),
    "4.4": ("MDSH", "Kết nối kho dữ liệu của công dân", 4, None),
    "4.5": ("MDSH", "Khai thác dữ liệu dân cư", 4, None),
    "5.1": ("MDHL", "Phản ánh, kiến nghị được phân loại, xử lý", 5, None),
    "5.2": ("MDHL", "Phản ánh, kiến nghị xử lý đúng hạn", 5, None),
    "5.3": ("MDHL", "Hài lòng với xử lý phản ánh, kiến nghị", 2, None),
    "5.4": ("MDHL", "Hài lòng về giải quyết TTHC", 6, 0.9),
}


def default_config() -> dict:
    """The seed configuration (one IndexConfig row is created from it by a data migration)."""
    return {
        "groups": {k: {"name": n, "points": p} for k, (n, p) in GROUPS.items()},
        "indicators": {
            k: {"group": g, "name": n, "points": p, "threshold": t} for k, (g, n, p, t) in INDICATORS.items()
        },
        # Fair ranking: fewer dossiers in the period than this → unranked (shown as such).
        "min_dossiers_for_rank": 30,
        # Official scorecards (thi đua): weights of the four parts, out of 100.
        "scorecard": {"on_time": 40, "satisfaction": 30, "no_complaint": 20, "online_self": 10},
    }


@dataclass
class IndicatorScore:
    id: str
    name: str
    group: str
    points: Decimal
    threshold: float | None
    numerator: int
    denominator: int
    score: Decimal | None

    @property
    def rate(self):
        return None if not self.denominator else self.numerator / self.denominator


@dataclass
class IndexResult:
    indicators: list[IndicatorScore] = field(default_factory=list)
    groups: dict = field(default_factory=dict)  # group → {"name", "points", "score" or None}
    total: Decimal | None = None
    covered_points: Decimal = Decimal(0)


def compute_index(counts: dict, config: dict | None = None) -> IndexResult:
    """Score the 766 index from `counts` = {indicator id: (numerator, denominator)}; missing ids are N/A."""
    config = config or default_config()
    result = IndexResult()
    earned, possible = {}, {}
    for ind_id, spec in config["indicators"].items():
        num, den = counts.get(ind_id, (0, 0))
        points = Decimal(str(spec["points"]))
        score = capped_score(num, den, max_points=points, threshold=spec.get("threshold"))
        result.indicators.append(
            IndicatorScore(ind_id, spec["name"], spec["group"], points, spec.get("threshold"), num, den, score)
        )
        if score is not None:
            earned[spec["group"]] = earned.get(spec["group"], Decimal(0)) + score
            possible[spec["group"]] = possible.get(spec["group"], Decimal(0)) + points
    got, covered = Decimal(0), Decimal(0)
    for group, spec in config["groups"].items():
        gpoints = Decimal(str(spec["points"]))
        score = round2(earned[group] / possible[group] * gpoints) if possible.get(group) else None
        result.groups[group] = {"name": spec["name"], "points": gpoints, "score": score}
        if score is not None:
            got += score
            covered += gpoints
    result.covered_points = covered
    result.total = round2(got / covered * 100) if covered else None
    return result
