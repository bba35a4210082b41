"""Screens and uploads of the online form for the standard case of each reviewed procedure (docs table)."""

from dataclasses import dataclass

from motcua.guides.models import Guide

from .apply_views import Flow


@dataclass
class Count:
    code: str
    name: str
    screens: int
    uploads: int
    declaration_pages: int
    looked_up: int
    to_show: int
    catalogue_rows: int


def count(code):
    """Count the pages from the first question to the check page (start and confirmation pages left out)."""
    flow = Flow(code)
    plan = flow.plan
    return Count(code=code, name=flow.version.name, screens=len(flow.steps()), uploads=len(plan.uploads),
                 declaration_pages=len(flow.sections), looked_up=len(plan.lookups), to_show=len(plan.present),
                 catalogue_rows=flow.version.components.count())


def table():
    codes = Guide.objects.filter(published__isnull=False).order_by("procedure__code").values_list(
        "procedure__code", flat=True)
    rows = [count(code) for code in codes]
    lines = ["| Mã | Thủ tục | Màn hình | Tải lên | Trang tờ khai | Cơ quan tự tra cứu | Xuất trình | Dòng trong danh mục |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r.code} | {r.name[:80]} | {r.screens} | {r.uploads} | {r.declaration_pages} | {r.looked_up} | "
              f"{r.to_show} | {r.catalogue_rows} |" for r in rows]
    return "\n".join(lines)
