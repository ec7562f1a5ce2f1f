import csv
import logging

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cptdesk.accounts.choices import Role
from cptdesk.lib import clock
from cptdesk.remits.models import LearningEntry

from . import actions, queues, reports, requesttext
from .choices import (
    ACTIVE_STATUSES,
    REQUEST_TRANSITIONS,
    HandoffField,
    ItemKind,
    RequestFormat,
)
from .forms import (
    BulkReassignForm,
    DocumentRequestForm,
    EscalateForm,
    EscalationRuleForm,
    NoteForm,
    QueueForm,
    ReassignForm,
    RequestStatusForm,
    RequestTemplateForm,
    StatusForm,
    WorkItemForm,
)
from .models import DocumentRequest, EscalationRule, RequestTemplate, WorkItem
from .notequality import check_note

logger = logging.getLogger(__name__)

CSV_COLUMNS = (
    "id",
    "type",
    "title",
    "patient_ref",
    "status",
    "priority",
    "due_at",
    "role_queue",
    "assignee",
    "scenario",
    "escalate_at",
    "escalated_at",
)


# The page of each record type a work item may be linked to, by app label and model.
SUBJECT_PAGES = {
    ("intake", "appointment"): "intake:appointment",
    ("intake", "authorization"): "intake:authorization",
    ("remits", "learningentry"): "remits:entry",
}

# Denial categories that a row of the escalation matrix covers. A denial of another
# category goes to the entry's responsible role without a scenario.
DENIAL_SCENARIOS = {"authorization": "denial_missing_auth"}


def require_supervisor(user):
    if not user.has_role(Role.SUPERVISOR):
        raise PermissionDenied("Only a supervisor changes the escalation matrix.")


def require_lead(user):
    if not user.has_role(Role.SUPERVISOR, Role.PRACTICE_ADMIN):
        raise PermissionDenied("Only supervisors and practice administrators see this.")


def practice_item(request, pk):
    return get_object_or_404(WorkItem, pk=pk, practice=request.user.practice)


# Worklists


@require_http_methods(["GET", "POST"])
def queue(request):
    """Serve a worklist; POST reassigns the selected items, ?export=csv downloads it."""
    practice = request.user.practice
    if request.method == "POST":
        return bulk_reassign(request, practice)

    choice = QueueForm(request.GET or None).choice(request.user)
    moment = clock.now()
    items = queues.queue_items(practice, request.user, choice, moment)
    if request.GET.get("export") == "csv":
        return export_csv(items)

    page = Paginator(items, queues.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": QueueForm(initial=choice.__dict__, data=request.GET or None),
        "choice": choice,
        "view_label": queues.VIEWS.get(choice.view, ""),
        "role_label": Role(choice.role).label if choice.role in Role.values else "",
        "views": queues.VIEWS,
        "page": page,
        "now": moment,
        "reassign_form": ReassignForm(practice),
        "query": request.GET.urlencode(),
    }
    return render(request, "worklog/queue.html", context)


def bulk_reassign(request, practice):
    form = BulkReassignForm(practice, request.POST)
    if not form.is_valid():
        messages.error(request, "Select items and a role queue or person to reassign.")
        return redirect(request.get_full_path())
    count = actions.bulk_reassign(
        practice,
        form.cleaned_data["items"],
        request.user,
        owner_role=form.cleaned_data["owner_role"],
        owner_user=form.cleaned_data["owner_user"],
    )
    messages.success(request, f"Reassigned {count} work items.")
    return redirect(request.get_full_path())


def local_minutes(moment):
    """Format a time as the practice's local "YYYY-MM-DD HH:MM", as the pages show it."""
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def export_csv(items):
    def rows():
        yield CSV_COLUMNS
        for item in items.iterator(chunk_size=2000):
            yield (
                item.pk,
                item.get_kind_display(),
                item.title,
                item.patient_ref,
                item.get_status_display(),
                item.get_priority_display(),
                local_minutes(item.due_at),
                item.get_owner_role_display(),
                item.owner_user.username if item.owner_user else "",
                item.scenario.scenario if item.scenario else "",
                local_minutes(item.escalate_at),
                local_minutes(item.escalated_at),
            )

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows()), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="work-items.csv"'
    return response


class _Echo:
    """A file-like object whose write returns the line, for streaming csv rows."""

    def write(self, value):
        return value


# Work items


@require_http_methods(["GET", "POST"])
def item_new(request):
    practice = request.user.practice
    actions.ensure_matrix(practice)
    form = WorkItemForm(practice, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = actions.create_work_item(
            practice,
            kind=data["kind"] or None,
            title=data["title"],
            patient_ref=data["patient_ref"],
            user=request.user,
            scenario=data["scenario"].scenario if data["scenario"] else None,
            owner_role=data["owner_role"] or None,
            priority=data["priority"],
            due_at=data["due_at"],
        )
        return redirect("worklog:item", pk=item.pk)
    return render(request, "worklog/item_new.html", {"form": form})


def item_detail(request, pk, note_form=None, verdict=None, escalate_form=None):
    item = practice_item(request, pk)
    practice = request.user.practice
    actions.ensure_templates(practice)
    note_form = note_form or NoteForm(initial={"contacted_at": clock.now()})
    context = {
        "item": item,
        "now": clock.now(),
        "events": item.events.select_related("user")[:50],
        "notes": item.notes.select_related("author")[:50],
        "requests": item.requests.all(),
        "note_form": note_form,
        "verdict": verdict,
        "status_form": StatusForm(initial={"status": item.status}),
        "escalate_form": escalate_form or EscalateForm(),
        "reassign_form": ReassignForm(practice),
        "request_form": DocumentRequestForm(practice),
        "missing_handoff": [
            HandoffField(name).label for name in actions.missing_handoff(item)
        ],
        "subject_url": subject_url(item),
    }
    status = (
        400 if note_form.errors or (escalate_form and escalate_form.errors) else 200
    )
    return render(request, "worklog/item.html", context, status=status)


def subject_url(item):
    """Return the address of the item's linked record, or "" when it has no page."""
    if item.subject_type_id is None:
        return ""
    content_type = item.subject_type
    name = SUBJECT_PAGES.get((content_type.app_label, content_type.model))
    if name is None:
        return ""
    try:
        return reverse(name, args=[item.subject_id])
    except NoReverseMatch:
        return ""


@require_POST
def item_from_denial(request, pk):
    """Open a denial follow-up for a learning-log entry, or show the one already open."""
    practice = request.user.practice
    entry = get_object_or_404(LearningEntry, pk=pk, practice=practice)
    existing = open_follow_up(entry)
    if existing is not None:
        messages.info(request, "A follow-up for this denial is already open.")
        return redirect("worklog:item", pk=existing.pk)
    if not entry.patient_ref:
        messages.error(
            request,
            "This entry has no patient reference, so no work item can be created. "
            "Create the work item by hand with the patient reference.",
        )
        return redirect("remits:entry", pk=entry.pk)
    scenario = DENIAL_SCENARIOS.get(entry.category)
    item = actions.create_work_item(
        practice,
        kind=ItemKind.DENIAL_FOLLOW_UP,
        title=denial_title(entry),
        patient_ref=entry.patient_ref,
        user=request.user,
        scenario=scenario,
        subject=entry,
        owner_role=None if scenario else denial_owner(entry),
        evidence=denial_evidence(entry),
        payer=entry.payer_name,
    )
    messages.success(request, "Denial follow-up created.")
    return redirect("worklog:item", pk=item.pk)


def open_follow_up(entry):
    return (
        WorkItem.objects.filter(
            practice=entry.practice,
            kind=ItemKind.DENIAL_FOLLOW_UP,
            subject_type=ContentType.objects.get_for_model(entry),
            subject_id=entry.pk,
            status__in=ACTIVE_STATUSES,
        )
        .order_by("pk")
        .first()
    )


def denial_title(entry):
    adjustment = "-".join(
        part for part in (entry.group_code, entry.reason_code) if part
    )
    parts = ["Denial follow-up", entry.payer_name, adjustment, entry.procedure_code]
    return " · ".join(part for part in parts if part)


def denial_owner(entry):
    """Return the entry's responsible role when it is a role of this product."""
    return entry.responsible_role if entry.responsible_role in Role.values else None


def denial_evidence(entry):
    fields = {
        "learning_entry": entry.pk,
        "category": entry.category,
        "group_code": entry.group_code,
        "reason_code": entry.reason_code,
        "remark_codes": entry.remark_codes,
        "procedure_code": entry.procedure_code,
        "amount": str(entry.amount),
        "service_date": entry.service_date.isoformat() if entry.service_date else "",
        "appeal_deadline": (
            entry.appeal_deadline.isoformat() if entry.appeal_deadline else ""
        ),
    }
    return {name: value for name, value in fields.items() if value not in ("", None)}


@require_POST
def item_status(request, pk):
    item = practice_item(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        actions.change_status(item, request.user, form.cleaned_data["status"])
    return redirect("worklog:item", pk=item.pk)


@require_POST
def item_reassign(request, pk):
    item = practice_item(request, pk)
    form = ReassignForm(request.user.practice, request.POST)
    if form.is_valid():
        actions.reassign(
            item,
            request.user,
            owner_role=form.cleaned_data["owner_role"],
            owner_user=form.cleaned_data["owner_user"],
        )
    else:
        messages.error(request, "Choose a role queue, a person or both.")
    return redirect("worklog:item", pk=item.pk)


@require_POST
def item_escalate(request, pk):
    item = practice_item(request, pk)
    form = EscalateForm(request.POST)
    if form.is_valid():
        try:
            actions.escalate(item, request.user, form.cleaned_data["question"])
        except actions.HandoffIncomplete as error:
            form.add_error(None, str(error))
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            return redirect("worklog:item", pk=item.pk)
    return item_detail(request, pk, escalate_form=form)


# Status notes


@require_POST
def note_create(request, pk):
    """Save a note, or with check=1 return only the hint fragment as the user types."""
    item = practice_item(request, pk)
    form = NoteForm(request.POST)
    if request.POST.get("check"):
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        verdict = check_note(fields=actions.note_check_fields(data))
        return render(request, "worklog/_note_hints.html", {"verdict": verdict})
    if not form.is_valid():
        return item_detail(request, pk, note_form=form)
    try:
        actions.add_note(
            item,
            request.user,
            form.cleaned_data,
            confirm_vague=form.cleaned_data["confirm_vague"],
        )
    except actions.NoteNeedsConfirmation as needs:
        return item_detail(request, pk, note_form=form, verdict=needs.verdict)
    messages.success(request, "Note saved.")
    return redirect("worklog:item", pk=item.pk)


# Documentation requests


@require_POST
def request_new(request, pk):
    item = practice_item(request, pk)
    form = DocumentRequestForm(request.user.practice, request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a template and a format for the request.")
        return redirect("worklog:item", pk=item.pk)
    created = actions.create_document_request(
        item,
        request.user,
        form.cleaned_data["template"],
        form.cleaned_data["format"],
        recipient=form.cleaned_data["recipient"],
        due_at=form.cleaned_data["due_at"],
    )
    return redirect("worklog:request", pk=created.pk)


def practice_request(request, pk):
    return get_object_or_404(
        DocumentRequest.objects.select_related("item", "item__practice"),
        pk=pk,
        practice=request.user.practice,
    )


@require_http_methods(["GET", "POST"])
def request_detail(request, pk):
    doc_request = practice_request(request, pk)
    if request.method == "POST":
        form = RequestStatusForm(request.POST)
        if form.is_valid():
            try:
                actions.set_request_status(
                    doc_request,
                    request.user,
                    form.cleaned_data["status"],
                    form.cleaned_data["note"],
                )
            except ValueError as error:
                messages.error(request, str(error))
        return redirect("worklog:request", pk=doc_request.pk)

    fmt = request.GET.get("as") or doc_request.format
    if fmt not in RequestFormat.values:
        fmt = doc_request.format
    context = {
        "doc_request": doc_request,
        "now": clock.now(),
        "rendered": requesttext.render(fmt, actions.request_text(doc_request)),
        "shown_format": fmt,
        "formats": RequestFormat.choices,
        "transitions": [
            (value, value.label) for value in REQUEST_TRANSITIONS[doc_request.status]
        ],
    }
    return render(request, "worklog/request.html", context)


def request_cover(request, pk):
    """Serve the printable fax cover page of a request."""
    doc_request = practice_request(request, pk)
    context = {"doc_request": doc_request, "text": actions.request_text(doc_request)}
    return render(request, "worklog/fax_cover.html", context)


# Templates


def template_list(request):
    practice = request.user.practice
    actions.ensure_templates(practice)
    context = {
        "templates": RequestTemplate.objects.filter(practice=practice),
        "can_edit": request.user.has_role(Role.SUPERVISOR, Role.PRACTICE_ADMIN),
        "placeholders": requesttext.PLACEHOLDERS,
    }
    return render(request, "worklog/templates.html", context)


@require_http_methods(["GET", "POST"])
def template_edit(request, pk=None):
    require_lead(request.user)
    practice = request.user.practice
    template = None
    if pk is not None:
        template = get_object_or_404(RequestTemplate, pk=pk, practice=practice)
    form = RequestTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.instance.practice = practice
        form.save()
        logger.info(
            "User %s saved request template %s", request.user.pk, form.instance.pk
        )
        return redirect("worklog:templates")
    context = {
        "form": form,
        "template": template,
        "placeholders": requesttext.PLACEHOLDERS,
    }
    return render(request, "worklog/template_edit.html", context)


# Escalation matrix


def matrix(request):
    practice = request.user.practice
    actions.ensure_matrix(practice)
    context = {
        "rules": EscalationRule.objects.filter(practice=practice),
        "can_edit": request.user.has_role(Role.SUPERVISOR),
    }
    return render(request, "worklog/matrix.html", context)


@require_http_methods(["GET", "POST"])
def rule_edit(request, pk):
    rule = get_object_or_404(EscalationRule, pk=pk, practice=request.user.practice)
    require_supervisor(request.user)
    form = EscalationRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        actions.update_rule(rule, request.user, **form.cleaned_data)
        messages.success(request, f"Saved “{rule.label}”.")
        return redirect("worklog:matrix")
    return render(request, "worklog/rule_edit.html", {"form": form, "rule": rule})


# Reports


def note_report(request):
    require_lead(request.user)
    rows = reports.vague_share(request.user.practice)
    context = {"rows": rows, "weeks": reports.REPORT_WEEKS}
    return render(request, "worklog/note_report.html", context)


def escalation_report(request):
    require_lead(request.user)
    context = {
        "rows": reports.escalation_report(request.user.practice),
        "needless_hours": int(
            reports.escalation.NEEDLESS_WITHIN.total_seconds() // 3600
        ),
    }
    return render(request, "worklog/escalation_report.html", context)
