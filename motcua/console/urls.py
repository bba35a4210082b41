from django.urls import path

from . import feedback_views, views
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
    path("chi-so/", dashboard_overview, name="dashboard"),
    path("chi-so/don-vi/<int:agency_id>/", dashboard_unit, name="dashboard_unit"),
    path("chi-so/the-diem/<int:user_id>/", dashboard_scorecard, name="scorecard"),
]
