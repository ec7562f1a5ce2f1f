"""The site's URLs plus views that fail, for the tests of server error handling."""

from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.urls import path

from cptdesk.urls import handler500
from cptdesk.urls import urlpatterns as site_urlpatterns


@login_not_required
def locked_view(request):
    raise OperationalError("database is locked")


@login_not_required
def broken_view(request):
    patient = request.GET.get("patient", "")
    raise ValueError(f"the value {patient} is wrong")


urlpatterns = [
    path("test/locked/", locked_view),
    path("test/broken/", broken_view),
    *site_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
