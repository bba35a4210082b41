"""Citizen pages around dossiers, included by portal/urls.py (names live in the `portal` namespace)."""

from django.urls import path

from . import account_views, apply_views, dossier_views, tracking_views

urlpatterns = [
    path("nop-ho-so/da-gui/<str:reference>/", apply_views.apply_done, name="apply_done"),
    path("nop-ho-so/<str:code>/", apply_views.apply_start, name="apply_start"),
    path("nop-ho-so/<str:code>/<slug:step>/", apply_views.apply_step, name="apply_step"),
    path("tra-cuu/", tracking_views.track, name="track"),
    path("tra-cuu/bo-sung/", tracking_views.track_supply, name="track_supply"),
    path("tai-khoan/dang-nhap/", account_views.SignIn.as_view(), name="login"),
    path("tai-khoan/dang-xuat/", account_views.sign_out, name="logout"),
    path("tai-khoan/dinh-danh/", account_views.identity_start, name="identity_start"),
    path("tai-khoan/dinh-danh/ve/", account_views.identity_return, name="identity_return"),
    path("tai-khoan/kho-du-lieu/", account_views.data_store, name="data_store"),
    path("tai-khoan/kho-du-lieu/<int:pk>/tep/", account_views.stored_paper_file, name="stored_paper_file"),
    path("tai-khoan/dang-ky/", account_views.register, name="register"),
    path("tai-khoan/ho-so/", account_views.my_dossiers, name="my_dossiers"),
    path("tai-khoan/ho-so/<str:code>/", tracking_views.my_dossier, name="my_dossier"),
    path("tai-khoan/ho-so/<str:code>/bo-sung/", dossier_views.supply, name="supply"),
    path("tai-khoan/ho-so/<str:code>/thanh-toan/", dossier_views.pay, name="pay"),
    path("tai-khoan/ho-so/<str:code>/thanh-toan-thu-nghiem/", dossier_views.sandbox_payment, name="sandbox_payment"),
    path("tai-khoan/ho-so/<str:code>/rut/", dossier_views.withdraw, name="withdraw"),
]
