from django import forms
from django.core.exceptions import BadRequest

from cptdesk.accounts.choices import Role

from .choices import EntrySource
from .models import LearningEntry, PreventionAction, RootCause

DATE = forms.DateInput(attrs={"type": "date"})
WINDOW_CHOICES = [(30, "30 days"), (60, "60 days"), (90, "90 days")]


class WindowForm(forms.Form):
    days = forms.TypedChoiceField(choices=WINDOW_CHOICES, coerce=int, required=False)

    def days_or_default(self):
        if self.is_valid() and self.cleaned_data["days"]:
            return self.cleaned_data["days"]
        return 30

    def days_or_reject(self):
        """Return the window, raising BadRequest for a value other than 30, 60 or 90.

        Exports and the API must not hand back a different window than was asked for.
        """
        if self.data and not self.is_valid():
            raise BadRequest("days must be 30, 60 or 90")
        return self.days_or_default()


class UploadForm(forms.Form):
    file = forms.FileField(label="835 remittance file (ERA)")


class PracticeFormMixin:
    """Limit the root-cause and prevention-action choices to the user's practice."""

    def limit_choices(self, practice):
        if "root_cause" in self.fields:
            self.fields["root_cause"].queryset = RootCause.objects.filter(
                practice=practice, active=True
            )
        if "prevention_action" in self.fields:
            self.fields["prevention_action"].queryset = PreventionAction.objects.filter(
                practice=practice
            )
        if "responsible_role" in self.fields:
            self.fields["responsible_role"] = forms.ChoiceField(
                choices=[("", "From the rule"), *Role.choices],
                required=False,
                label="Responsible role",
            )


class EntryForm(PracticeFormMixin, forms.ModelForm):
    """A denial from a paper EOB, or rework that never reached a claim."""

    source = forms.ChoiceField(
        choices=[
            (EntrySource.REWORK, EntrySource.REWORK.label),
            (EntrySource.PAPER_EOB, EntrySource.PAPER_EOB.label),
        ]
    )

    class Meta:
        model = LearningEntry
        fields = [
            "source",
            "rework_type",
            "occurred_on",
            "what_happened",
            "payer_name",
            "patient_ref",
            "service_date",
            "procedure_code",
            "group_code",
            "reason_code",
            "amount",
            "staff_minutes",
            "root_cause",
            "missed_trigger",
            "missed_trigger_note",
            "prevention_action",
            "prevention_note",
            "responsible_role",
            "appeal_deadline",
            "timely_filing_deadline",
        ]
        labels = {
            "occurred_on": "Date it happened",
            "patient_ref": "Patient reference (account number, never a name)",
            "reason_code": "CARC (reason code) from the EOB",
            "group_code": "Group code (CO, PR, OA, PI)",
            "amount": "Dollars denied or lost",
            "missed_trigger": "Intake trigger or script that should have caught it",
            "missed_trigger_note": "Or describe the trigger or script",
        }
        widgets = {
            "occurred_on": DATE,
            "service_date": DATE,
            "appeal_deadline": DATE,
            "timely_filing_deadline": DATE,
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "prevention_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(practice)
        # Left empty, these take the model's default of zero.
        self.fields["amount"].required = False
        self.fields["staff_minutes"].required = False

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == EntrySource.PAPER_EOB and not data.get("reason_code"):
            self.add_error("reason_code", "A paper EOB denial needs its CARC.")
        if source == EntrySource.REWORK and not data.get("rework_type"):
            self.add_error("rework_type", "Choose what kind of rework this was.")
        return data


class ReviewForm(PracticeFormMixin, forms.ModelForm):
    """The fields a reviewer fills in or changes after an entry exists."""

    class Meta:
        model = LearningEntry
        fields = [
            "what_happened",
            "root_cause",
            "missed_trigger",
            "missed_trigger_note",
            "prevention_action",
            "prevention_note",
            "staff_minutes",
            "status",
            "responsible_role",
            "appeal_deadline",
            "timely_filing_deadline",
        ]
        labels = EntryForm.Meta.labels
        widgets = EntryForm.Meta.widgets

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(practice)
        self.fields["responsible_role"] = forms.ChoiceField(
            choices=Role.choices, label="Responsible role"
        )


class RootCauseForm(forms.ModelForm):
    class Meta:
        model = RootCause
        fields = ["name", "description", "active"]


class PreventionActionForm(forms.ModelForm):
    class Meta:
        model = PreventionAction
        fields = ["title", "description", "root_cause", "started_on", "owner_role"]
        widgets = {"started_on": DATE}

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root_cause"].queryset = RootCause.objects.filter(practice=practice)
        self.fields["owner_role"] = forms.ChoiceField(
            choices=[("", "—"), *Role.choices], required=False, label="Owner role"
        )
