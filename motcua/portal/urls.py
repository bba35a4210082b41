from django.urls import include, path

from . import assistant_views, feedback_views, office_views, rating_views, verify_views, views
from .board_views import board, board_dossiers, board_export
from .calendar_views import year_calendar

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.catalogue, name="catalogue"),
    path("thu-tuc/<str:code>/", views.procedure, name="procedure"),
    path("thu-tuc/<str:code>/in/", views.procedure_print, name="procedure_print"),
    path("tro-ly-ao/", assistant_views.chat, name="assistant"),
    path("tro-ly-ao/ma-form/", assistant_views.form_token, name="assistant_token"),
    path("", include("motcua.portal.citizen_urls")),  # dossiers: submit online, track, account
    path("phan-anh/", feedback_views.published, name="feedback_list"),
    path("phan-anh/gui/", feedback_views.file, name="feedback_file"),
    path("phan-anh/da-gui/", feedback_views.filed, name="feedback_filed"),
    path("phan-anh/tra-cuu/", feedback_views.track, name="feedback_track"),
    path("phan-anh/tra-cuu/<str:code>/", feedback_views.status, name="feedback_status"),
    path("phan-anh/tra-cuu/<str:code>/xac-nhan/", feedback_views.confirm, name="feedback_confirm"),
    path("phan-anh/tra-cuu/<str:code>/xu-ly-lai/", feedback_views.reopen, name="feedback_reopen"),
    path("phan-anh/tra-cuu/<str:code>/bo-sung/", feedback_views.supply, name="feedback_supply"),
    path("phan-anh/cong-khai/<int:pk>/", feedback_views.published_detail, name="feedback_public"),
    path("lich-lam-viec/", year_calendar, name="calendar"),
    path("xac-thuc-van-ban/", verify_views.verify_document, name="verify_document"),
    path("bang-chi-so/", board, name="board"),
    path("bang-chi-so/ho-so/", board_dossiers, name="board_dossiers"),
    path("bang-chi-so/tai-ve.<str:fmt>", board_export, name="board_export"),
    path("danh-gia/ho-so/<str:token>/", rating_views.rate_dossier, name="rate_dossier"),
    path("danh-gia/quay/<str:token>/", rating_views.counter_device, name="counter_device"),
    path("danh-gia/quay/<str:token>/gui/", rating_views.counter_device_submit, name="counter_device_submit"),
    path("danh-gia/quay/<str:token>/nhan-quay/", rating_views.counter_device_claim, name="counter_device_claim"),
    path("mot-cua/<str:agency_code>/lay-so/", office_views.kiosk, name="office_kiosk"),
    path("mot-cua/<str:agency_code>/man-hinh/", office_views.hall_display, name="office_display"),
    path("mot-cua/loa.wav", office_views.voice, name="office_voice"),
    path("mot-cua/so/<str:token>/", office_views.ticket_page, name="office_ticket"),
    path("mot-cua/so/<str:token>/trang-thai.json", office_views.ticket_status, name="office_ticket_status"),
    path("mot-cua/so/<str:token>/phieu.<str:fmt>", office_views.ticket_print, name="office_ticket_print"),
    path("mot-cua/so/<str:token>/danh-gia/", office_views.ticket_rate, name="office_ticket_rate"),
    path("dat-lich/", office_views.book, name="office_book"),
    path("dat-lich/<str:code>/", office_views.appointment_page, name="office_appointment"),
    path("chuong-trinh/", office_views.programme_list, name="office_programmes"),
    path("thoi-gian-cho/", office_views.waiting_board, name="office_waiting"),
    path("ho-tro-tai-nha/", office_views.home_visit_request, name="office_home_visit"),
    path("khao-sat/<slug:slug>/", rating_views.survey, name="survey"),
    path("khao-sat/<slug:slug>/qr.svg", rating_views.survey_qr, name="survey_qr"),
    path("khao-sat/<slug:slug>/ket-qua/", rating_views.survey_results, name="survey_results"),
]
