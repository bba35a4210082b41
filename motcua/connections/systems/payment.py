"""Online payment: the providers live in dossiers.payment_providers; the local one is an in-process sandbox."""

from ..registry import System

SYSTEM = System(
    name="payment",
    label="Thanh toán trực tuyến",
    adapter=None,
    protocol="trong tiến trình",
    notes="Môi trường thử nghiệm chạy trong ứng dụng (dossiers.payment_providers, nhà cung cấp “sandbox”); "
          "chưa có cổng thanh toán thật nào kết nối được từ đây.",
)
