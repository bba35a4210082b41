"""Anyone can check a signed e-result or form: is it unchanged since it was signed, and who signed it."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "POST"])
def verify_document(request):
    if request.method == "GET":
        return render(request, "portal/verify.html", {"sandbox": settings.MOTCUA_SIGNING_SANDBOX})
    upload = request.FILES.get("file")
    error = None
    if upload is None:
        error = "Vui lòng chọn tệp PDF cần kiểm tra."
    elif upload.size > settings.MOTCUA_UPLOAD_MAX_BYTES:
        error = "Tệp quá lớn để kiểm tra."
    if error:
        return render(request, "portal/verify.html", {"error": error, "sandbox": settings.MOTCUA_SIGNING_SANDBOX},
                      status=400)
    from motcua.esign.pdf import verify  # late: pyHanko costs memory in every worker, and few pages need it

    verdict = verify(upload.read())
    return render(request, "portal/verify.html", {"verdict": verdict, "name": upload.name,
                                                  "sandbox": settings.MOTCUA_SIGNING_SANDBOX})
