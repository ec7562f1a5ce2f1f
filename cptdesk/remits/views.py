import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cptdesk.lib import clock

from . import actions, exports, trends
from .deadlines import reminder_window_end, reminders_for
from .forms import (
    EntryForm,
    PreventionActionForm,
    ReviewForm,
    RootCauseForm,
    UploadForm,
    WindowForm,
)
from .models import (
    ClaimPayment,
    LearningEntry,
    PreventionAction,
    RemittanceImport,
    RootCause,
)
from .permissions import can_edit_taxonomy, can_import, can_review
from .taxonomy import ensure_taxonomy
from .x12 import RemittanceError

logger = logging.getLogger(__name__)

ENTRIES_ON_PAGE = 50
CLAIMS_ON_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def dashboard(request):
    """Show the 30, 60 or 90-day trends of denials and rework."""
    days = WindowForm(request.GET or None).days_or_default()
    data = trends.dashboard(request.user.practice, days, clock.today())
    charts = {
        "weekly": data["weekly"],
        "category": _chart_rows(data["breakdowns"]["category"]["rows"]),
        "owner": _chart_rows(data["breakdowns"]["owner"]["rows"]),
        "payer": _chart_rows(data["breakdowns"]["payer"]["rows"]),
    }
    context = {"data": data, "charts": charts, "windows": trends.WINDOWS}
    return render(request, "remits/dashboard.html", context)


def _chart_rows(rows):
    return [
        {"label": r["label"], "denials": r["denials"], "rework": r["rework"]}
        for r in rows
    ]


def export(request, file_format):
    days = WindowForm(request.GET or None).days_or_reject()
    data = trends.dashboard(request.user.practice, days, clock.today())
    name = f"learning-log-{data['today']}-{days}-days"
    if file_format not in ("csv", "xlsx"):
        raise Http404("Export as .csv or .xlsx")
    if file_format == "xlsx":
        response = HttpResponse(exports.to_xlsx(data), content_type=XLSX)
    else:
        response = HttpResponse(exports.to_csv(data), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@require_http_methods(["GET", "POST"])
def imports(request):
    """List the practice's 835 imports; billing staff upload new files here."""
    practice = request.user.practice
    form = UploadForm()
    if request.method == "POST":
        if not can_import(request.user):
            raise PermissionDenied("Only billing staff and supervisors import 835s.")
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            report = import_upload(request, form)
            if report is not None:
                return redirect("remits:import", pk=report.pk)
    reports = RemittanceImport.objects.filter(practice=practice).select_related(
        "imported_by"
    )[:100]
    context = {"form": form, "reports": reports, "can_import": can_import(request.user)}
    return render(request, "remits/imports.html", context)


def import_upload(request, form):
    upload = form.cleaned_data["file"]
    try:
        outcome = actions.import_835(
            upload.read(), upload.name, request.user.practice, user=request.user
        )
    except RemittanceError as error:
        # The segment's value stays out of the log: it may carry patient details.
        logger.warning(
            "Rejected 835 upload from user %s: %s", request.user.pk, error.problem
        )
        form.add_error("file", f"{error} Nothing was imported.")
        return None
    messages.success(request, outcome.message)
    return outcome.report


def import_detail(request, pk):
    report = get_object_or_404(RemittanceImport, pk=pk, practice=request.user.practice)
    remittances = report.remittances.all()
    claims = Paginator(
        ClaimPayment.objects.filter(remittance__source=report)
        .prefetch_related("lines")
        .order_by("segment_number"),
        CLAIMS_ON_PAGE,
    ).get_page(request.GET.get("page"))
    denied = LearningEntry.objects.filter(claim__remittance__source=report).count()
    context = {
        "report": report,
        "remittances": remittances,
        "claims": claims,
        "denied": denied,
    }
    return render(request, "remits/import_detail.html", context)


def learning_log(request):
    """List entries with filters, and the appeal and filing reminders due now."""
    practice = request.user.practice
    entries = LearningEntry.objects.filter(practice=practice).select_related(
        "root_cause", "appointment", "authorization"
    )
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    if status:
        entries = entries.filter(status=status)
    if kind:
        entries = entries.filter(kind=kind)
    page = Paginator(entries, ENTRIES_ON_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "reminders": due_reminders(practice, clock.today()),
        "status": status,
        "kind": kind,
        "statuses": LearningEntry._meta.get_field("status").choices,
    }
    return render(request, "remits/log.html", context)


def due_reminders(practice, today):
    """Return (entry, reminder) pairs for deadlines within the reminder window."""
    end = reminder_window_end(today)
    near = (
        LearningEntry.objects.filter(practice=practice, status__in=["open", "appealed"])
        .filter_deadline_before(end)
        .only(
            "pk",
            "status",
            "what_happened",
            "payer_name",
            "appeal_deadline",
            "timely_filing_deadline",
        )
    )
    found = []
    for entry in near:
        for reminder in reminders_for(
            entry.pk,
            entry.status,
            entry.appeal_deadline,
            entry.timely_filing_deadline,
            today,
        ):
            found.append((entry, reminder))
    return sorted(found, key=lambda pair: pair[1].deadline)


@require_http_methods(["GET", "POST"])
def entry_new(request):
    practice = request.user.practice
    ensure_taxonomy(practice)
    form = EntryForm(
        request.POST or None,
        practice=practice,
        initial={"occurred_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = {
            name: value
            for name, value in form.cleaned_data.items()
            if value not in (None, "")
        }
        entry = actions.create_entry(practice, request.user, data)
        messages.success(request, "Entry added to the learning log.")
        return redirect("remits:entry", pk=entry.pk)
    return render(request, "remits/entry_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def entry_detail(request, pk):
    practice = request.user.practice
    entry = get_object_or_404(LearningEntry, pk=pk, practice=practice)
    form = ReviewForm(request.POST or None, instance=entry, practice=practice)
    if request.method == "POST":
        if not can_review(request.user, entry):
            raise PermissionDenied("Only the responsible role or billing reviews this.")
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data}
            actions.update_entry(entry, request.user, changes)
            messages.success(request, "Entry saved.")
            return redirect("remits:entry", pk=entry.pk)
    reminders = reminders_for(
        entry.pk,
        entry.status,
        entry.appeal_deadline,
        entry.timely_filing_deadline,
        clock.today(),
    )
    context = {
        "entry": entry,
        "form": form,
        "reminders": reminders,
        "can_review": can_review(request.user, entry),
    }
    return render(request, "remits/entry_detail.html", context)


@require_http_methods(["GET", "POST"])
def taxonomy(request):
    """List root causes and prevention actions; supervisors add and edit them."""
    practice = request.user.practice
    ensure_taxonomy(practice)
    cause_form = RootCauseForm(prefix="cause")
    action_form = PreventionActionForm(prefix="action", practice=practice)
    if request.method == "POST":
        if not can_edit_taxonomy(request.user):
            raise PermissionDenied("Only supervisors edit the taxonomy.")
        if "cause-name" in request.POST:
            cause_form = RootCauseForm(request.POST, prefix="cause")
            if cause_form.is_valid():
                actions.save_root_cause(practice, cause_form)
                return redirect("remits:taxonomy")
        else:
            action_form = PreventionActionForm(
                request.POST, prefix="action", practice=practice
            )
            if action_form.is_valid():
                actions.save_prevention_action(practice, action_form)
                return redirect("remits:taxonomy")
    context = {
        "causes": RootCause.objects.filter(practice=practice),
        "prevention_actions": PreventionAction.objects.filter(
            practice=practice
        ).select_related("root_cause"),
        "cause_form": cause_form,
        "action_form": action_form,
        "can_edit": can_edit_taxonomy(request.user),
    }
    return render(request, "remits/taxonomy.html", context)


@require_http_methods(["GET", "POST"])
def root_cause_edit(request, pk):
    practice = request.user.practice
    cause = get_object_or_404(RootCause, pk=pk, practice=practice)
    if not can_edit_taxonomy(request.user):
        raise PermissionDenied("Only supervisors edit the taxonomy.")
    form = RootCauseForm(request.POST or None, instance=cause)
    if request.method == "POST" and form.is_valid():
        actions.save_root_cause(practice, form)
        return redirect("remits:taxonomy")
    return render(request, "remits/root_cause.html", {"form": form, "cause": cause})
