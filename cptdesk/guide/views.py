import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cptdesk.accounts.choices import Role
from cptdesk.codes.anatomy import explain
from cptdesk.scope.guard import CATEGORY_LABELS, check_scope

from . import actions
from .choices import SituationTag, Stage
from .forms import ChoiceAnswerForm, FillForm, ScriptForm, WrittenAnswerForm
from .models import Script
from .placeholders import PLACEHOLDERS, PlaceholderError
from .placeholders import render as render_text
from .progress import team_progress, user_progress
from .scenarios import CHOICE, SCENARIOS, by_key
from .scripts import practice_scripts

logger = logging.getLogger(__name__)

# The live check reads only this much of a field, so that it stays fast on a long paste.
# Saving a script checks its fields in full.
MAX_CHECKED_CHARACTERS = 20_000
EXPLORER_MAX_CHARACTERS = 40


def can_edit_scripts(user):
    return user.has_role(Role.SUPERVISOR, Role.PRACTICE_ADMIN)


def index(request):
    return render(request, "guide/index.html")


def code_explorer(request):
    """Explain a code's structure, or only the result fragment when htmx requests it."""
    text = request.GET.get("code", "")[:EXPLORER_MAX_CHARACTERS]
    context = {"text": text, "anatomy": explain(text) if text.strip() else None}
    if request.headers.get("HX-Request"):
        return render(request, "guide/_anatomy.html", context)
    return render(request, "guide/codes.html", context)


def stages(request):
    return render(request, "guide/stages.html")


def mistakes(request):
    return render(request, "guide/mistakes.html")


def faq(request):
    return render(request, "guide/faq.html")


def script_list(request):
    """List the scripts, or those of the situations in ?tag= (one or comma-separated)."""
    tag = request.GET.get("tag", "")
    selected = [name.strip() for name in tag.split(",") if name.strip()]
    scripts = practice_scripts(request.user.practice)
    if selected:
        scripts = [
            script
            for script in scripts
            if any(name in script.tag_list for name in selected)
        ]
    labels = dict(SituationTag.choices)
    context = {
        "scripts": scripts,
        "tag": tag,
        "tag_label": " or ".join(labels.get(name, name) for name in selected),
        "tags": SituationTag.choices,
        "stages": dict(Stage.choices),
        "can_edit": can_edit_scripts(request.user),
    }
    return render(request, "guide/script_list.html", context)


def script_detail(request, pk):
    """Show a script filled from the facts typed in; htmx refreshes the filled text."""
    script = get_object_or_404(Script.objects.of(request.user.practice), pk=pk)
    fill = FillForm(request.GET or None)
    context = {
        "script": script,
        "fill": fill,
        "rendered": render_parts(script, fill.values()),
        "can_edit": can_edit_scripts(request.user),
    }
    if request.headers.get("HX-Request"):
        return render(request, "guide/_rendered_script.html", context)
    return render(request, "guide/script_detail.html", context)


def render_parts(script, values):
    """Fill the script's texts, or explain the placeholder that cannot be filled."""
    try:
        return {
            "situation": render_text(script.situation, values),
            "say": render_text(script.say, values),
            "route_when": render_text(script.route_when, values),
            "error": "",
        }
    except PlaceholderError as error:
        logger.warning("Script %s has an unusable placeholder: %s", script.pk, error)
        return {"error": str(error)}


@require_http_methods(["GET", "POST"])
def script_edit(request, pk=None):
    if not can_edit_scripts(request.user):
        raise PermissionDenied(
            "Only a supervisor or practice administrator edits scripts."
        )
    practice = request.user.practice
    script = None
    if pk is not None:
        script = get_object_or_404(Script.objects.of(practice), pk=pk)
    form = ScriptForm(request.POST or None, instance=script, practice=practice)
    if request.method == "POST" and form.is_valid():
        script = actions.save_script(form.save(commit=False), request.user)
        return redirect("guide:script", pk=script.pk)
    context = {"form": form, "script": script, "placeholders": PLACEHOLDERS}
    return render(request, "guide/script_form.html", context)


@require_POST
def scope_check(request):
    """Return the findings fragment for the posted text.

    The text is read from the POST field named by ?field= (default "text"), so an
    editor elsewhere can point hx-post here from its own textarea. With ?quotes=own,
    quoted words count as the writer's own, as the script editor needs.
    """
    field = request.GET.get("field", "text")
    quotes_are_own = request.GET.get("quotes") == "own"
    posted = request.POST.get(field, "")
    text = posted[:MAX_CHECKED_CHARACTERS]
    findings = [
        {"finding": finding, "label": CATEGORY_LABELS[finding.category]}
        for finding in check_scope(text, quotes_are_own=quotes_are_own)
    ]
    context = {
        "findings": findings,
        "checked": bool(text.strip()),
        "checked_part": len(posted) > MAX_CHECKED_CHARACTERS,
        "max_checked": MAX_CHECKED_CHARACTERS,
    }
    return render(request, "guide/_findings.html", context)


def training(request):
    progress = user_progress(request.user)
    groups = [
        (label, [s for s in SCENARIOS if s.stage == value])
        for value, label in Stage.choices
    ]
    context = {
        "groups": groups,
        "progress": progress,
        "is_supervisor": can_edit_scripts(request.user),
    }
    return render(request, "guide/training.html", context)


@require_http_methods(["GET", "POST"])
def scenario(request, key):
    scenario = by_key(key)
    if scenario is None:
        raise Http404(f"No training scenario {key}")
    data = request.POST if request.method == "POST" else None
    if scenario.kind == CHOICE:
        form = ChoiceAnswerForm(data, scenario=scenario)
    else:
        form = WrittenAnswerForm(data)
    context = {
        "scenario": scenario,
        "stage_label": Stage(scenario.stage).label,
        "form": form,
        "result": None,
    }
    if request.method == "POST" and form.is_valid():
        _, context["result"] = actions.record_attempt(
            request.user,
            scenario,
            choice=form.cleaned_data.get("choice"),
            answer=form.cleaned_data.get("answer", ""),
        )
        context["script"] = find_script(request.user.practice, scenario.script_key)
        context["labels"] = CATEGORY_LABELS
    return render(request, "guide/scenario.html", context)


def find_script(practice, key):
    if not key:
        return None
    return practice_scripts(practice).filter(key=key).first()


def team(request):
    if not can_edit_scripts(request.user):
        raise PermissionDenied("Only a supervisor sees the team's training progress.")
    context = {"rows": team_progress(request.user.practice), "total": len(SCENARIOS)}
    return render(request, "guide/team.html", context)
