import datetime
import logging
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cptdesk.accounts.choices import Role
from cptdesk.lib.inputerrors import InputFileError

from . import actions, catalogfile
from .choices import RuleResult
from .forms import (
    ImportForm,
    PayerForm,
    PlanFormSet,
    RuleFilterForm,
    RulePackImportForm,
    ServiceCodeFormSet,
    ServiceDocumentFormSet,
    ServiceForm,
)
from .models import Payer, Plan, Rule, RulePack, Service
from .ruleengine import code_in_range
from .rules import rules_in_force

logger = logging.getLogger(__name__)

RULES_PER_PAGE = 100
EXPORT_TYPES = {"csv": "text/csv", "yaml": "application/yaml"}


def can_edit(user):
    """Supervisors and practice administrators keep the catalog; others read it."""
    return user.has_role(Role.SUPERVISOR, Role.PRACTICE_ADMIN)


def require_editor(request):
    if not can_edit(request.user):
        raise PermissionDenied(
            "Only a supervisor or practice administrator edits this."
        )


def practice_services(request):
    return Service.objects.filter(practice=request.user.practice)


def service_or_404(request, pk, queryset=None):
    """Return the user's practice's service with this id, or raise Http404."""
    if not str(pk).isdigit():
        raise Http404("No service with this id.")
    if queryset is None:
        queryset = practice_services(request)
    return get_object_or_404(queryset, pk=pk)


@require_GET
def service_list(request):
    """Serve the services page, or only its list for htmx requests as the user types."""
    query = request.GET.get("q", "").strip()
    services = practice_services(request).prefetch_related("codes")
    if query:
        services = services.filter(
            Q(name__icontains=query)
            | Q(aliases__icontains=query)
            | Q(codes__code__istartswith=query)
        ).distinct()
    context = {"services": services, "query": query}
    if request.headers.get("HX-Request"):
        return render(request, "catalog/_service_results.html", context)
    context |= {"can_edit": can_edit(request.user), "import_form": ImportForm()}
    return render(request, "catalog/service_list.html", context)


@require_GET
def service_detail(request, pk):
    service = service_or_404(
        request, pk, practice_services(request).prefetch_related("codes", "documents")
    )
    context = {
        "service": service,
        "rules": rules_for_service(request.user.practice, service),
        "can_edit": can_edit(request.user),
    }
    return render(request, "catalog/service_detail.html", context)


def rules_for_service(practice, service):
    """Return the rules in force today that name the service or one of its codes.

    Each row carries the rule, its result label and its payer, for display.
    """
    codes = [code.code for code in service.codes.all()]
    payers = {payer.pk: payer for payer in Payer.objects.filter(practice=practice)}
    plans = {plan.pk: plan for plan in Plan.objects.filter(payer__practice=practice)}
    found = []
    for rule in rules_in_force(practice, datetime.date.today()):
        names_service = rule.service_id == service.pk
        holds_code = rule.code_from and any(
            code_in_range(code, rule.code_from, rule.code_to) for code in codes
        )
        if names_service or holds_code:
            found.append(
                {
                    "rule": rule,
                    "result": RuleResult(rule.result).label,
                    "payer": plans.get(rule.plan_id) or payers.get(rule.payer_id),
                }
            )
    return found


@require_http_methods(["GET", "POST"])
def service_edit(request, pk=None):
    # Look the record up first, so another practice's id is a 404 for every role.
    service = get_object_or_404(practice_services(request), pk=pk) if pk else Service()
    require_editor(request)
    data = request.POST if request.method == "POST" else None
    form = ServiceForm(data, instance=service, practice=request.user.practice)
    codes = ServiceCodeFormSet(data, instance=service, prefix="codes")
    documents = ServiceDocumentFormSet(data, instance=service, prefix="documents")
    if data and form.is_valid() and codes.is_valid() and documents.is_valid():
        service = actions.save_service(form, codes, documents, request.user)
        messages.success(request, f"Saved {service.name}.")
        return redirect("catalog:service", service.pk)
    context = {"form": form, "codes": codes, "documents": documents, "service": service}
    return render(request, "catalog/service_form.html", context)


@require_GET
def service_letter(request, pk):
    service = get_object_or_404(practice_services(request), pk=pk)
    context = {
        "service": service,
        "practice": request.user.practice,
        "today": datetime.date.today(),
    }
    return render(request, "catalog/service_letter.html", context)


@require_GET
def catalog_export(request, file_type):
    if file_type not in EXPORT_TYPES:
        raise Http404("Export as csv or yaml.")
    services = practice_services(request).prefetch_related("codes", "documents")
    records = [catalogfile.service_record(service) for service in services]
    writer = catalogfile.write_csv if file_type == "csv" else catalogfile.write_yaml
    response = HttpResponse(writer(records), content_type=EXPORT_TYPES[file_type])
    response["Content-Disposition"] = f'attachment; filename="catalog.{file_type}"'
    return response


@require_POST
def catalog_import(request):
    require_editor(request)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        practice = request.user.practice
        outcome = with_upload(
            request,
            form.cleaned_data["file"],
            lambda path: actions.import_catalog(practice, path, request.user),
        )
        if outcome:
            messages.success(request, outcome.message)
    else:
        messages.error(request, "Choose a CSV or YAML file to import.")
    return redirect("catalog:services")


def with_upload(request, upload, importer):
    """Run an importer on an uploaded file; report a bad file and return None."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            return importer(path)
        except InputFileError as error:
            # The bad value stays out of the log, and the user sees the file's own name.
            logger.warning(
                "Rejected upload from user %s at line %s: %s",
                request.user.pk,
                error.line,
                error.problem,
            )
            error.path = path.name
            messages.error(request, f"{error.describe()} Nothing was imported.")
            return None


@require_GET
def payer_list(request):
    payers = Payer.objects.filter(practice=request.user.practice).prefetch_related(
        "plans"
    )
    context = {"payers": payers, "can_edit": can_edit(request.user)}
    return render(request, "catalog/payer_list.html", context)


@require_http_methods(["GET", "POST"])
def payer_edit(request, pk=None):
    practice = request.user.practice
    payer = get_object_or_404(Payer, pk=pk, practice=practice) if pk else Payer()
    require_editor(request)
    data = request.POST if request.method == "POST" else None
    form = PayerForm(data, instance=payer, practice=practice)
    plans = PlanFormSet(data, instance=payer, prefix="plans")
    if data and form.is_valid() and plans.is_valid():
        payer = actions.save_payer(form, plans, request.user)
        messages.success(request, f"Saved {payer.name}.")
        return redirect("catalog:payers")
    return render(
        request,
        "catalog/payer_form.html",
        {"form": form, "plans": plans, "payer": payer},
    )


@require_GET
def rule_list(request):
    """List the practice's rules, filtered by payer, code and result, with their packs."""
    practice = request.user.practice
    form = RuleFilterForm(request.GET or None, practice=practice)
    rules = Rule.objects.filter(practice=practice).select_related(
        "payer", "plan", "service", "pack"
    )
    if form.is_valid():
        rules = filter_rules(rules, form.cleaned_data)
    rules = rules.order_by("code_from", "payer__name", "effective_from", "id")
    page = Paginator(rules, RULES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "packs": RulePack.objects.filter(practice=practice).annotate(
            rule_count=Count("rules")
        ),
        "can_edit": can_edit(request.user),
        "import_form": RulePackImportForm(),
        "query_without_page": query_without_page(request),
    }
    return render(request, "catalog/rule_list.html", context)


def filter_rules(rules, filters):
    if filters["payer"]:
        rules = rules.filter(payer=filters["payer"])
    if filters["result"]:
        rules = rules.filter(result=filters["result"])
    code = filters["code"].strip().upper()
    if code:
        # Every imported rule stores code_to, equal to code_from for a single code,
        # so one range comparison finds single codes and the ranges holding the code.
        rules = rules.filter(code_from__lte=code, code_to__gte=code)
    return rules


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_POST
def install_medicare_pack(request):
    require_editor(request)
    result = actions.install_medicare_pack(request.user.practice, request.user)
    messages.success(request, result.message)
    return redirect("catalog:rules")


@require_POST
def rule_pack_import(request):
    require_editor(request)
    form = RulePackImportForm(request.POST, request.FILES)
    if form.is_valid():
        practice = request.user.practice
        outcome = with_upload(
            request,
            form.cleaned_data["file"],
            lambda path: actions.import_rule_pack(
                practice, path, form.cleaned_data["name"], request.user
            ),
        )
        if outcome:
            messages.success(request, outcome.message)
    else:
        messages.error(request, "Choose a CSV or YAML file to import.")
    return redirect("catalog:rules")
