"""CSV and Excel exports of the board (the same columns as on screen)."""

import csv
import io

HEADERS = ["Mã cơ quan", "Cơ quan", "Loại", "Dân số", "Hồ sơ (đã và đang giải quyết)", "Đúng hạn (%)",
           "Khoảng tin cậy 95% đúng hạn", "Trực tuyến (%)", "Hồ sơ trực tuyến / 1.000 dân", "Hài lòng (%)",
           "Số lượt đánh giá", "Điểm 766", "Xếp hạng", "Ghi chú xếp hạng"]


def _r(v, digits=2):
    return None if v is None else round(v * 100, digits)


def board_table(rows):
    out = []
    for r in rows:
        population = r.agency.population
        iv = r.figures.interval
        out.append([
            r.agency.code, r.agency.name, r.agency.get_kind_display(), population, r.n, _r(r.on_time),
            f"{_r(iv[0])}–{_r(iv[1])}" if iv else "", _r(r.online),
            round(r.figures.counts["online"] / population * 1000, 2) if population else None,
            _r(r.satisfaction), r.satisfaction_n, float(r.score) if r.score is not None else None, r.rank,
            r.rank_reason,
        ])
    return out


def to_csv(headers, rows) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM so Excel reads UTF-8


def to_xlsx(headers, rows, *, title="Chỉ số") -> bytes:
    from openpyxl import Workbook  # 37 MB: imported by the worker that exports, not by every web worker

    wb = Workbook()
    ws = wb.active
    ws.title = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
