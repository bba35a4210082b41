"""The legal forms of the one-stop as A5 PDFs (TT 01/2018/TT-VPCP Art. 9 and its appendix).

    render_form("01", data) -> bytes      # Giấy tiếp nhận hồ sơ và hẹn trả kết quả
    render_form("02", data)               # Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
    render_form("03", data)               # Phiếu từ chối tiếp nhận giải quyết hồ sơ
    render_form("04", data)               # Phiếu xin lỗi và hẹn lại ngày trả kết quả
    render_form("05", data)               # Phiếu kiểm soát quá trình giải quyết hồ sơ

`data` is a plain `FormData`; `adapter.form_data(dossier)` builds it from a dossier.
TT 03/2025/TT-VPCP renumbers the forms (04 apology and extension, 05 stop notice, 06 control sheet); its
full text is not verified here, so the numbers follow TT 01/2018.
"""

from .data import FormData, Handover, Paper
from .render import FORMS, render_form, render_html, render_signed

__all__ = ["FORMS", "FormData", "Handover", "Paper", "render_form", "render_html", "render_signed"]
