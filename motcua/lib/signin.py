"""Sign-in throttling (django-axes) for every login form that passes the request: the portal's and the admin's."""

from axes.backends import AxesStandaloneBackend


class ThrottledSignIn(AxesStandaloneBackend):
    """Axes' backend, passing over authentications made without a request (management commands, the test
    client's login()), where there is no address to count and no form to lock."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
