from django import forms

from cptdesk.accounts.choices import Role
from cptdesk.accounts.models import User
from cptdesk.lib import clock

from . import queues, requesttext
from .actions import NOTE_FIELDS
from .choices import (
    HandoffField,
    ItemKind,
    ItemStatus,
    Priority,
    RequestFormat,
)
from .models import EscalationRule, RequestTemplate, StatusNote

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"})


def practice_users(practice):
    return User.objects.filter(practice=practice, is_active=True).order_by("username")


class QueueForm(forms.Form):
    """The worklist's view, filters and sort order, read from the query string."""

    view = forms.ChoiceField(choices=queues.VIEWS.items(), required=False)
    role = forms.ChoiceField(choices=[("", "Any role"), *Role.choices], required=False)
    kind = forms.ChoiceField(
        choices=[("", "Any type"), *ItemKind.choices], required=False
    )
    priority = forms.TypedChoiceField(
        choices=[("", "Any priority"), *Priority.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    patient = forms.CharField(required=False, max_length=64, label="Patient ref.")
    sort = forms.ChoiceField(
        choices=[
            ("due", "Due first"),
            ("-due", "Due last"),
            ("priority", "Priority"),
            ("created", "Newest"),
            ("patient", "Patient ref."),
        ],
        required=False,
    )

    def choice(self, user):
        data = self.cleaned_data if self.is_valid() else {}
        role = data.get("role") or next(iter(sorted(user.role_set())), "")
        return queues.QueueChoice(
            view=data.get("view") or "mine",
            role=role,
            kind=data.get("kind") or "",
            priority=data.get("priority"),
            patient=(data.get("patient") or "").strip(),
            sort=data.get("sort") or "due",
        )


class ReassignForm(forms.Form):
    owner_role = forms.ChoiceField(
        choices=[("", "Keep the person's role"), *Role.choices],
        required=False,
        label="Role queue",
    )
    owner_user = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label="Person"
    )

    def __init__(self, practice, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = practice_users(practice)

    def clean(self):
        data = super().clean()
        if not data.get("owner_role") and not data.get("owner_user"):
            raise forms.ValidationError("Choose a role queue, a person or both.")
        return data


class BulkReassignForm(ReassignForm):
    items = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, practice, *args, **kwargs):
        super().__init__(practice, *args, **kwargs)
        # Any id may be posted; the action keeps only the practice's own items.
        posted = self.data.getlist("items") if self.data else []
        self.fields["items"].choices = [(value, value) for value in posted]


class WorkItemForm(forms.Form):
    scenario = forms.ModelChoiceField(
        queryset=EscalationRule.objects.none(),
        required=False,
        help_text="Routes the item to the scenario's role and sets its waiting limit.",
    )
    kind = forms.ChoiceField(
        choices=[("", "From the scenario"), *ItemKind.choices], required=False
    )
    patient_ref = forms.CharField(max_length=64, label="Patient reference")
    title = forms.CharField(max_length=200, required=False)
    priority = forms.TypedChoiceField(
        choices=Priority.choices, coerce=int, initial=Priority.NORMAL
    )
    due_at = forms.DateTimeField(required=False, widget=DATETIME_WIDGET)
    owner_role = forms.ChoiceField(
        choices=[("", "From the scenario"), *Role.choices], required=False
    )

    def __init__(self, practice, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].queryset = EscalationRule.objects.filter(
            practice=practice
        )

    def clean(self):
        data = super().clean()
        if not data.get("scenario") and not data.get("kind"):
            raise forms.ValidationError("Choose a scenario or a type.")
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in ItemStatus.choices
            if value != ItemStatus.ESCALATED
        ]
    )


class EscalateForm(forms.Form):
    question = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What the next level must decide.",
    )


class NoteForm(forms.ModelForm):
    confirm_vague = forms.BooleanField(
        required=False, label="Save anyway: I know this note is too vague to act on"
    )

    class Meta:
        model = StatusNote
        fields = NOTE_FIELDS
        widgets = {
            "contacted_at": DATETIME_WIDGET,
            "follow_up_at": DATETIME_WIDGET,
            "text": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "contacted_at": "When",
            "contact_org": "Organisation",
            "reference": "Reference or call number",
            "committed": "They committed to",
            "next_step_owner": "Next step owner",
            "follow_up_at": "Follow up at",
            "text": "Note",
        }


class DocumentRequestForm(forms.Form):
    template = forms.ModelChoiceField(queryset=RequestTemplate.objects.none())
    format = forms.ChoiceField(choices=RequestFormat.choices)
    recipient = forms.CharField(max_length=300, required=False)
    due_at = forms.DateTimeField(
        required=False,
        widget=DATETIME_WIDGET,
        help_text="Left empty, the template's number of days applies.",
    )

    def __init__(self, practice, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = RequestTemplate.objects.filter(
            practice=practice, active=True
        )

    def clean_due_at(self):
        # A request due before it is sent lands in the overdue list at once.
        due_at = self.cleaned_data["due_at"]
        if due_at is not None and due_at <= clock.now():
            raise forms.ValidationError("Choose a due time later than now.")
        return due_at


class RequestStatusForm(forms.Form):
    status = forms.CharField(max_length=16)
    note = forms.CharField(max_length=500, required=False)


class RequestTemplateForm(forms.ModelForm):
    class Meta:
        model = RequestTemplate
        fields = [
            "name",
            "what_missing",
            "reason",
            "due_days",
            "next_step_owner",
            "send_to",
            "body",
            "reminder_text",
            "active",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        data = super().clean()
        for name in ("what_missing", "reason", "next_step_owner", "send_to", "body"):
            self._check_placeholders(name, data.get(name) or "")
        self._check_placeholders("reminder_text", data.get("reminder_text") or "")
        return data

    def _check_placeholders(self, name, text):
        unknown = requesttext.unknown_placeholders(text)
        if unknown:
            allowed = ", ".join(f"{{{key}}}" for key in requesttext.PLACEHOLDERS)
            self.add_error(
                name, f"Unknown placeholder {{{unknown[0]}}}. Use one of: {allowed}."
            )


class EscalationRuleForm(forms.ModelForm):
    handoff_fields = forms.MultipleChoiceField(
        choices=HandoffField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Required hand-off fields",
    )

    class Meta:
        model = EscalationRule
        fields = [
            "label",
            "role",
            "escalate_to",
            "escalate_after_hours",
            "item_kind",
            "handoff_fields",
        ]
        labels = {
            "role": "Handled first by",
            "escalate_after_hours": "Escalate after (hours)",
            "item_kind": "Work item type",
        }
