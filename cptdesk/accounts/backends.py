from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """The django-axes check that rejects a sign-in while its user name is locked out.

    Every sign-in form passes its request. Calls without one come from code on the server,
    such as the test client's `login()`, and are neither checked nor counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
