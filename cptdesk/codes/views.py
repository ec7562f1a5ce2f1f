import logging
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cptdesk.lib.inputerrors import InputFileError

from . import actions
from .choices import DataKind
from .forms import DateOfServiceForm, ReferenceUploadForm
from .lookup import lookup
from .models import DataRelease
from .search import search

logger = logging.getLogger(__name__)

RESULTS_ON_PAGE = 25


def search_page(request):
    """Serve the search page, or only its result list when htmx asks as the user types."""
    query = request.GET.get("q", "").strip()
    hits = search(query, request.user.practice, limit=RESULTS_ON_PAGE) if query else []
    context = {"query": query, "hits": hits}
    if request.headers.get("HX-Request"):
        return render(request, "codes/_results.html", context)
    context["releases"] = DataRelease.objects.current().visible_to(
        request.user.practice
    )
    return render(request, "codes/search.html", context)


def code_page(request, code):
    form = DateOfServiceForm(request.GET or None)
    facts = lookup(code, request.user.practice, form.date_or_today())
    return render(request, "codes/code.html", {"facts": facts, "form": form})


@require_http_methods(["GET", "POST"])
def reference_data(request):
    """List the loaded releases; practice administrators load new files here."""
    practice = request.user.practice
    form = ReferenceUploadForm()
    if request.method == "POST":
        if not request.user.is_practice_admin:
            raise PermissionDenied(
                "Only a practice administrator loads reference data."
            )
        if "declare_cpt_licence" in request.POST:
            return declare_cpt_licence(request, practice)
        form = ReferenceUploadForm(request.POST, request.FILES)
        if form.is_valid() and load_upload(request, form):
            return redirect("codes:reference")
    releases = DataRelease.objects.visible_to(practice).select_related("loaded_by")
    context = {"form": form, "releases": releases, "practice": practice}
    return render(request, "codes/reference.html", context)


def declare_cpt_licence(request, practice):
    practice.cpt_licence_declared = request.POST["declare_cpt_licence"] == "yes"
    practice.save(update_fields=["cpt_licence_declared"])
    logger.info(
        "Practice %s set its CPT licence declaration to %s",
        practice.pk,
        practice.cpt_licence_declared,
    )
    return redirect("codes:reference")


def load_upload(request, form):
    """Import the uploaded file; return True when it loaded or was already loaded."""
    kind = form.cleaned_data["kind"]
    practice = request.user.practice
    if kind == DataKind.CPT and not practice.cpt_licence_declared:
        form.add_error(
            "kind", "Declare your practice's CPT licence before loading CPT text."
        )
        return False
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            result = actions.import_reference_file(
                kind,
                path,
                user=request.user,
                practice=practice,
                label=form.cleaned_data["label"] or None,
                keep_description=practice.cpt_licence_declared,
            )
        except InputFileError as error:
            logger.warning("Rejected %s upload: %s", kind, error)
            form.add_error("file", f"{error} Nothing was loaded.")
            return False
    messages.success(request, result.message)
    return True
