from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "motcua — Quản trị"
admin.site.site_title = "motcua"
admin.site.index_title = "Quản trị hệ thống một cửa"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("api/", include("motcua.api.urls")),
    path("open311/v2/", include("motcua.api.open311")),
    path("can-bo/", include("motcua.console.urls")),
    path("", include("motcua.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
