"""JSON of the dashboard's figures, for the same reads as the page."""

from django.http import JsonResponse

from cptdesk.lib import clock

from . import trends
from .forms import WindowForm


def trends_json(request):
    days = WindowForm(request.GET or None).days_or_reject()
    data = trends.dashboard(request.user.practice, days, clock.today())
    for row in data["before_after"]:
        row.pop("action")
    return JsonResponse(data)
