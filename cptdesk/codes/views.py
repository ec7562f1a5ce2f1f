import logging

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from cptdesk.lib import jobs as lib_jobs
from cptdesk.lib.htmx import wants_fragment

from . import actions, jobs
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
    if wants_fragment(request):
        response = render(request, "codes/_results.html", context)
    else:
        context["releases"] = DataRelease.objects.current().visible_to(
            request.user.practice
        )
        response = render(request, "codes/search.html", context)
    # The same address serves the page and the fragment, so caches must keep them apart
    # or the browser's Back button shows a bare fragment.
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


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
        if form.is_valid():
            job_id = load_upload(request, form)
            if job_id:
                return redirect("codes:import-job", job_id=job_id)
    releases = DataRelease.objects.visible_to(practice).select_related("loaded_by")
    context = {"form": form, "releases": releases, "practice": practice}
    return render(request, "codes/reference.html", context)


def declare_cpt_licence(request, practice):
    declared = request.POST["declare_cpt_licence"] == "yes"
    actions.set_cpt_licence(practice, declared, request.user)
    return redirect("codes:reference")


def load_upload(request, form):
    """Start importing the uploaded file; return the job id, or None on a form error."""
    kind = form.cleaned_data["kind"]
    practice = request.user.practice
    if kind == DataKind.CPT and not practice.cpt_licence_declared:
        form.add_error(
            "kind", "Declare your practice's CPT licence before loading CPT text."
        )
        return None
    return jobs.start_import_job(
        form.cleaned_data["file"],
        kind,
        request.user,
        label=form.cleaned_data["label"] or None,
        keep_description=practice.cpt_licence_declared,
    )


def import_job(request, job_id):
    """Show an import's progress; htmx polls the same view for the progress fragment."""
    state = lib_jobs.job_state(request, job_id, DataKind.values)
    return lib_jobs.render_job(
        request, "codes/job.html", "codes/_job.html", {"job": state}
    )
