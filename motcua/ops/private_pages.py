"""Pages that show personal data are never kept by browsers or shared caches: `Cache-Control: private,
no-store` on every answer to a signed-in user and on the paths that show a dossier, an application in progress,
a feedback item's progress or the staff console."""

from django.utils.cache import patch_cache_control

PERSONAL = ("/tra-cuu/", "/tai-khoan/", "/nop-ho-so/", "/phan-anh/tra-cuu/", "/can-bo/", "/quan-tri/",
            "/api/dossiers/", "/danh-gia/")


class PrivatePages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith(PERSONAL) or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
