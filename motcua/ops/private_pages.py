"""Pages that show personal data are never kept by browsers or shared caches: `Cache-Control: private,
no-store` on every answer to a signed-in user, and on the paths below for everyone: a dossier (tracking, the
account, an application in progress, the API), a feedback item being filed or followed, a queue ticket, an
appointment, a request for help at home, a document's verification, the assistant's conversation, uploaded
files, the staff console and the admin.

tests/security/test_private_pages.py walks every URL of the URLconf: each is either here or named public there.
"""

from django.utils.cache import patch_cache_control

PERSONAL = (
    "/tra-cuu/", "/tai-khoan/", "/nop-ho-so/", "/danh-gia/", "/xac-thuc-van-ban/", "/tro-ly-ao/", "/media/",
    "/phan-anh/tra-cuu/", "/phan-anh/gui/", "/phan-anh/da-gui/",
    "/mot-cua/so/", "/dat-lich/", "/ho-tro-tai-nha/",
    "/can-bo/", "/quan-tri/",
    "/api/dossiers/", "/api/queue/tickets", "/api/queue/counters/", "/api/appointments", "/api/home-visits",
    "/api/assistant",
)


def is_personal(path):
    return path.startswith(PERSONAL)


class PrivatePages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if is_personal(request.path) or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response
