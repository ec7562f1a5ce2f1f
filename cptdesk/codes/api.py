"""JSON endpoints for the same reads as the pages; the CLI prints the same documents."""

from django.http import JsonResponse

from .forms import DateOfServiceForm
from .lookup import lookup
from .search import search

API_RESULT_LIMIT = 50


def search_json(request):
    query = request.GET.get("q", "")
    hits = search(query, request.user.practice, limit=API_RESULT_LIMIT)
    return JsonResponse({"query": query, "results": [hit.to_dict() for hit in hits]})


def lookup_json(request, code):
    form = DateOfServiceForm(request.GET or None)
    if request.GET.get("date") and not form.is_valid():
        return JsonResponse({"error": "date must be YYYY-MM-DD"}, status=400)
    return JsonResponse(lookup(code, request.user.practice, form.date_or_today()))
