from django.conf import settings


def city(request):
    return {"CITY_NAME": settings.MOTCUA_CITY_NAME, "HOTLINE": settings.MOTCUA_HOTLINE}
