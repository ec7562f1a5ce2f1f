import datetime
import hashlib
import importlib
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cptdesk.accounts.choices import Role
from cptdesk.lib import jobs as lib_jobs

from . import actions, flagdata, jobs, worklist
from .choices import AppointmentStatus, AuthorizationStatus, ChecklistState, FlagState
from .forms import (
    AuthorizationForm,
    ChecklistStateForm,
    FlagDecisionForm,
    ScheduleUploadForm,
    WorklistFilterForm,
)
from .models import Appointment, Authorization, ChecklistItem, RedFlag, ScheduleImport

logger = logging.getLogger(__name__)

SCHEDULERS = (
    Role.FRONT_DESK,
    Role.AUTH_COORDINATOR,
    Role.SUPERVISOR,
    Role.PRACTICE_ADMIN,
)
AUTH_EDITORS = (Role.AUTH_COORDINATOR, Role.SUPERVISOR, Role.PRACTICE_ADMIN)
OVERRIDERS = (Role.SUPERVISOR, Role.PRACTICE_ADMIN)  # besides the routed role
EXPIRY_WARNING_DAYS = 14
WORK_ITEM_HOOK = ("cptdesk.worklog.actions", "create_work_item_from_flag")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ERRORS_SHOWN = 1000  # row errors listed on an import's page; the message counts all


def require_role(user, roles, doing):
    if not user.has_role(*roles):
        raise PermissionDenied(f"Your role does not allow you to {doing}.")


def work_item_hook():
    """Return the worklog's create_work_item_from_flag, or None when it is absent."""
    module_name, function_name = WORK_ITEM_HOOK
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, function_name, None)


def prescrub(request):
    """Serve the pre-scrub worklist, its table alone for htmx, or its CSV/XLSX export."""
    practice = request.user.practice
    form = WorklistFilterForm(practice, request.GET or None)
    filters = form.filters()
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return export_response(practice, filters, export)
    flags = worklist.flags_in_range(practice, **filters).prefetch_related(
        "appointment__lines"
    )
    context = {
        "form": form,
        "filters": filters,
        "flags": flags,
        "decision_form": FlagDecisionForm(),
        "work_items": work_item_hook() is not None,
    }
    if request.headers.get("HX-Request"):
        return render(request, "intake/_worklist_table.html", context)
    return render(request, "intake/prescrub.html", context)


def export_response(practice, filters, export):
    rows = worklist.flag_rows(practice, **filters)
    name = f"prescrub-{filters['date_from']}-{filters['date_to']}"
    if export == "csv":
        response = HttpResponse(worklist.export_csv(rows), content_type="text/csv")
    else:
        response = HttpResponse(
            worklist.export_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument"
            ".spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{export}"'
    return response


@require_http_methods(["GET", "POST"])
def import_schedule(request):
    practice = request.user.practice
    form = ScheduleUploadForm()
    if request.method == "POST":
        require_role(request.user, SCHEDULERS, "import schedules")
        form = ScheduleUploadForm(request.POST, request.FILES)
        if form.is_valid():
            job_id = start_upload(request, form)
            if job_id:
                return redirect("intake:import-job", job_id=job_id)
    # A rejected file's errors can run to thousands of rows, and the list shows none.
    imports = ScheduleImport.objects.filter(practice=practice).defer("errors")[:10]
    return render(request, "intake/import.html", {"form": form, "imports": imports})


def start_upload(request, form):
    """Start importing the uploaded schedule; return the job id, or None on a form error.

    A file that cannot be read as text gets a form error and a rejected ScheduleImport
    record, so that "Recent imports" lists it.
    """
    upload = form.cleaned_data["file"]
    text, problem = read_upload(upload)
    if problem:
        form.add_error("file", problem)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        actions.record_unreadable_file(
            request.user.practice,
            upload.name,
            digest.hexdigest(),
            problem,
            user=request.user,
        )
        return None
    return jobs.start_schedule_job(
        request.user,
        text,
        upload.name,
        mapping=form.cleaned_data["mapping"],
        valid_rows_only=form.cleaned_data["valid_rows_only"],
    )


def read_upload(upload):
    """Return (text, problem) of an uploaded file, where problem is "" for text."""
    if upload.size > MAX_UPLOAD_BYTES:
        return "", "The file is larger than 5 MB; split the schedule."
    if upload.size == 0:
        return "", "The file is empty; upload the exported schedule."
    try:
        return upload.read().decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return "", "The file is not UTF-8 text; save it as CSV UTF-8."


def import_job(request, job_id):
    """Show a schedule import's progress, then its outcome; htmx polls the same view."""
    job = lib_jobs.job_state(request, job_id, [jobs.JOB_KIND])
    context = {"job": job, "errors": []}
    if job["state"] != lib_jobs.RUNNING and job.get("schedule_import_id"):
        record = ScheduleImport.objects.filter(
            pk=job["schedule_import_id"], practice=request.user.practice
        ).first()
        context["errors"] = record.errors[:ERRORS_SHOWN] if record else []
    return lib_jobs.render_job(
        request, "intake/import_job.html", "intake/_import_job.html", context
    )


def appointment_detail(request, pk):
    """Show a visit's checklist, flags and authorizations; printable."""
    appointment = get_object_or_404(
        Appointment.objects.select_related("payer", "plan", "service"),
        pk=pk,
        practice=request.user.practice,
    )
    context = {
        "appointment": appointment,
        "lines": appointment.lines.all(),
        "items": appointment.checklist.filter(is_current=True).select_related(
            "updated_by"
        ),
        "flags": appointment.flags.unresolved().select_related("decided_by"),
        "authorizations": appointment.authorizations.prefetch_related("codes"),
        "decision_form": FlagDecisionForm(),
        "states": ChecklistState.choices,
        "work_items": work_item_hook() is not None,
    }
    return render(request, "intake/appointment.html", context)


@require_POST
def checklist_state(request, pk):
    item = get_object_or_404(
        ChecklistItem, pk=pk, appointment__practice=request.user.practice
    )
    form = ChecklistStateForm(request.POST)
    if form.is_valid():
        actions.set_checklist_state(
            item, request.user, form.cleaned_data["state"], form.cleaned_data["reason"]
        )
    else:
        messages.error(request, " ".join(form.errors.get("reason", ["Invalid state."])))
    return redirect_back(request, "intake:appointment", item.appointment_id)


@require_POST
def decide_flag(request, pk):
    flag = get_object_or_404(RedFlag, pk=pk, practice=request.user.practice)
    form = FlagDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose acknowledge or override and give a reason.")
        return redirect_back(request, "intake:appointment", flag.appointment_id)
    state = form.cleaned_data["state"]
    if state == FlagState.OVERRIDDEN:
        require_role(request.user, (flag.routed_role, *OVERRIDERS), "override it")
    actions.decide_flag(flag, request.user, state, form.cleaned_data["reason"])
    messages.success(request, f"Flag {flag.get_state_display().lower()}.")
    return redirect_back(request, "intake:appointment", flag.appointment_id)


@require_POST
def flag_work_item(request, pk):
    flag = get_object_or_404(RedFlag, pk=pk, practice=request.user.practice)
    create = work_item_hook()
    if create is None:
        messages.error(request, "Work items are not available on this install.")
    else:
        create(flag, request.user)
        logger.info(
            "Work item requested for flag %s by user %s", flag.pk, request.user.pk
        )
        messages.success(request, "Work item created.")
    return redirect_back(request, "intake:appointment", flag.appointment_id)


def redirect_back(request, name, pk):
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(name, pk)


def board(request):
    """Show today's visits with checklist progress, authorizations and open flags."""
    practice = request.user.practice
    today = timezone.localdate()
    start, end = worklist.day_bounds(today, today)
    # An acknowledged flag is seen but not resolved, so it stays on the board until
    # the problem is fixed or someone allowed to overrides it.
    open_flags = RedFlag.objects.filter(
        state__in=[FlagState.OPEN, FlagState.ACKNOWLEDGED]
    )
    visits = (
        Appointment.objects.filter(
            practice=practice, starts_at__gte=start, starts_at__lt=end
        )
        .exclude(status=AppointmentStatus.CANCELLED)
        .select_related("payer")
        .annotate(
            items_total=Count(
                "checklist", filter=Q(checklist__is_current=True), distinct=True
            ),
            items_open=Count(
                "checklist",
                filter=Q(checklist__is_current=True, checklist__state="open"),
                distinct=True,
            ),
        )
        .prefetch_related(
            "lines",
            Prefetch("flags", queryset=open_flags, to_attr="open_flags"),
            Prefetch("authorizations", queryset=Authorization.objects.all()),
        )
        .order_by("starts_at", "pk")
    )

    # Beside the linked authorizations, show those that cover a visit without a link,
    # matched as the red-flag check matches them.
    visits = list(visits)
    covering = flagdata.covering_authorizations(practice, visits)
    for visit in visits:
        visit.covering_authorizations = covering.get(visit.pk, [])
    return render(request, "intake/board.html", {"visits": visits, "today": today})


@require_POST
def check_in(request, pk):
    appointment = get_object_or_404(Appointment, pk=pk, practice=request.user.practice)
    if appointment.status == AppointmentStatus.BOOKED:
        actions.check_in(appointment, request.user)
        messages.success(request, f"{appointment.patient_ref} checked in.")
    return redirect("intake:board")


def authorization_list(request):
    practice = request.user.practice
    query = request.GET.get("q", "").strip()
    authorizations = Authorization.objects.filter(practice=practice)
    if query:
        authorizations = authorizations.filter(
            Q(patient_ref__icontains=query)
            | Q(number__icontains=query)
            | Q(codes__code__iexact=query)
        ).distinct()
    authorizations = authorizations.select_related("payer").prefetch_related("codes")
    rows = [
        {"authorization": a, "warning": expiry_warning(a)}
        for a in authorizations.order_by("valid_to", "pk")
    ]
    context = {"rows": rows, "query": query}
    if request.headers.get("HX-Request"):
        return render(request, "intake/_authorization_rows.html", context)
    return render(request, "intake/authorizations.html", context)


def expiry_warning(authorization, today=None):
    """Return the renew-by or expiry warning for an approved authorization, or ""."""
    today = today or timezone.localdate()
    if authorization.status != AuthorizationStatus.APPROVED:
        return ""
    if authorization.valid_to and authorization.valid_to < today:
        return f"Ended {authorization.valid_to.isoformat()}"
    if authorization.renew_by and authorization.renew_by <= today:
        return f"Renew now: renew-by date {authorization.renew_by.isoformat()} reached"
    soon = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    if authorization.valid_to and authorization.valid_to <= soon:
        return f"Ends {authorization.valid_to.isoformat()}; plan the renewal"
    return ""


def units_used(authorization):
    """Return {code: units} booked on the linked visits that are not cancelled."""
    used = {}
    visits = authorization.appointments.exclude(
        status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)
    )
    for visit in visits.prefetch_related("lines"):
        for line in visit.lines.all():
            used[line.code] = used.get(line.code, 0) + line.units
    return used


def authorization_detail(request, pk):
    authorization = get_object_or_404(
        Authorization.objects.select_related("payer"),
        pk=pk,
        practice=request.user.practice,
    )
    used = units_used(authorization)
    codes = [
        {
            "code": code.code,
            "approved": code.units_approved,
            "used": used.get(code.code, 0),
            "left": code.units_approved - used.get(code.code, 0),
        }
        for code in authorization.codes.all()
    ]
    context = {
        "authorization": authorization,
        "codes": codes,
        "visits": authorization.appointments.order_by("starts_at"),
        "warning": expiry_warning(authorization),
    }
    return render(request, "intake/authorization.html", context)


@require_http_methods(["GET", "POST"])
def authorization_edit(request, pk=None):
    practice = request.user.practice
    authorization = Authorization(practice=practice)
    if pk is not None:
        authorization = get_object_or_404(Authorization, pk=pk, practice=practice)
    form = AuthorizationForm(practice, instance=authorization)
    if request.method == "POST":
        require_role(request.user, AUTH_EDITORS, "edit authorizations")
        form = AuthorizationForm(practice, request.POST, instance=authorization)
        if form.is_valid():
            saved = form.save(commit=False)
            actions.save_authorization(
                saved, form.cleaned_data["code_lines"], request.user
            )
            saved.appointments.set(form.cleaned_data["appointments"])
            actions.evaluate(
                practice, [a.pk for a in form.cleaned_data["appointments"]]
            )
            messages.success(request, "Authorization saved.")
            return redirect("intake:authorization", saved.pk)
    context = {"form": form, "authorization": authorization}
    return render(request, "intake/authorization_form.html", context)
