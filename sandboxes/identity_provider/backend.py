"""Sign-in of a synthetic person by personal number and the sandbox password."""

from django.contrib.auth import get_user_model

from sandboxes.identity_provider import PASSWORD
from sandboxes.people import people


class SyntheticPeople:
    def authenticate(self, request, username=None, password=None, **kwargs):
        person = people().get((username or "").strip())
        if person is None or password != PASSWORD:
            return None
        user, _ = get_user_model().objects.get_or_create(username=person.pid, defaults={"first_name": person.full_name})
        return user

    def get_user(self, user_id):
        return get_user_model().objects.filter(pk=user_id).first()
