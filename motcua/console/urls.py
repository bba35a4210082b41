from django.urls import path

from . import assistant_views, feedback_views, links_views, office_views, records_views, views
from .dashboard_views import overview as dashboard_overview
from .dashboard_views import scorecard as dashboard_scorecard
from .dashboard_views import unit as dashboard_unit

app_name = "console"
urlpatterns = [
    path("", views.home, name="home"),
    path("tiep-nhan/", views.counter_intake, name="intake"),
    path("ho-so/<str:code>/", views.dossier_page, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<str:name>/", views.dossier_action, name="action"),
    path("ho-so/<str:code>/mau-<str:number>.pdf", views.form_pdf, name="form_pdf"),
    path("ho-so/<str:code>/tep/<int:file_id>/", views.dossier_file, name="file"),
    path("phan-anh/", feedback_views.inbox, name="feedback_inbox"),
    path("phan-anh/nhap/", feedback_views.file_on_behalf, name="feedback_file"),
    path("phan-anh/<str:code>/", feedback_views.detail, name="feedback_detail"),
    path("phan-anh/<str:code>/thao-tac/<str:name>/", feedback_views.act, name="feedback_act"),
    path("mot-cua/quay/", office_views.counters, name="office_counters"),
    path("mot-cua/quay/<int:counter_id>/", office_views.counter_page, name="office_counter"),
    path("mot-cua/quay/<int:counter_id>/<str:action>/", office_views.counter_act, name="office_counter_act"),
    path("mot-cua/lich-hen/", office_views.appointment_list, name="office_appointments"),
    path("mot-cua/chuong-trinh/", office_views.programme_dashboard, name="office_programmes"),
    path("mot-cua/thoi-gian-cho/", office_views.waiting_dashboard, name="office_waiting"),
    path("mot-cua/ho-tro-tai-nha/", office_views.home_visit_list, name="office_home_visits"),
    path("mot-cua/ho-tro-tai-nha/<str:code>/", office_views.home_visit_page, name="office_home_visit"),
    path("mot-cua/ho-tro-tai-nha/<str:code>/<str:action>/", office_views.home_visit_act, name="office_home_visit_act"),
    path("tro-ly-ao/hang-cho/", assistant_views.queue, name="assistant_queue"),
    path("tro-ly-ao/hang-cho/<int:item_id>/", assistant_views.resolve, name="assistant_resolve"),
    path("luot-xem/", records_views.view_records_page, name="view_records"),
    path("chi-so/", dashboard_overview, name="dashboard"),
    path("ket-noi/", links_views.connections, name="connections"),
    path("dong-bo/", links_views.sync, name="sync"),
    path("thi-diem-y-te/", links_views.health_pilot, name="health_pilot"),
    path("thi-diem-y-te/bao-cao.<str:fmt>", links_views.health_pilot, name="health_pilot_export"),
    path("chi-so/don-vi/<int:agency_id>/", dashboard_unit, name="dashboard_unit"),
    path("chi-so/the-diem/<int:user_id>/", dashboard_scorecard, name="scorecard"),
]
