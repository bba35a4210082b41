from django.urls import path

from . import feedback_views, views

app_name = "console"
urlpatterns = [
    path("", views.home, name="home"),
    path("phan-anh/", feedback_views.inbox, name="feedback_inbox"),
    path("phan-anh/nhap/", feedback_views.file_on_behalf, name="feedback_file"),
    path("phan-anh/<str:code>/", feedback_views.detail, name="feedback_detail"),
    path("phan-anh/<str:code>/thao-tac/<str:name>/", feedback_views.act, name="feedback_act"),
]
