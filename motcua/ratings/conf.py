"""Settings of the ratings app, with their defaults (override in settings.py or the environment).

- MOTCUA_RATINGS_EDIT_DAYS: days during which a citizen may change the evaluation of a dossier (default 7).
- MOTCUA_RATINGS_LINK_MAX_AGE_DAYS: how long a signed evaluation link stays valid (default 180).
- MOTCUA_RATINGS_OFFLINE_MAX_AGE_HOURS: oldest device time accepted for a counter rating that was queued
  offline; older ratings are kept but dated when received (default 72).
- MOTCUA_RATINGS_SURVEY_MAX_PER_HOUR: answers to one survey accepted per sender (network address) per hour
  (default 5: a family or an office behind one address can still answer).
"""

from datetime import timedelta

from django.conf import settings


def edit_window():
    return timedelta(days=getattr(settings, "MOTCUA_RATINGS_EDIT_DAYS", 7))


def link_max_age():
    return timedelta(days=getattr(settings, "MOTCUA_RATINGS_LINK_MAX_AGE_DAYS", 180))


def offline_max_age():
    return timedelta(hours=getattr(settings, "MOTCUA_RATINGS_OFFLINE_MAX_AGE_HOURS", 72))


def survey_max_per_hour():
    return getattr(settings, "MOTCUA_RATINGS_SURVEY_MAX_PER_HOUR", 5)
