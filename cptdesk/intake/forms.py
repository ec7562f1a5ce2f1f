import datetime
import re

from django import forms
from django.utils import timezone

from cptdesk.catalog.models import Payer

from .choices import ChecklistState, FlagKind, FlagState
from .models import Appointment, Authorization
from .scheduleformat import CODE_SHAPE, parse_mapping

WORKLIST_DAYS = 14
LINKABLE_PAST_DAYS = 30  # a new authorization may cover visits this far back
CODE_LINE = re.compile(r"^\s*([0-9A-Za-z]{5})\s*(?:[:x×]\s*(\d+))?\s*$")


class ScheduleUploadForm(forms.Form):
    # The view rejects an empty file itself, so that the import list records it.
    file = forms.FileField(
        allow_empty_file=True, help_text="CSV schedule, or a FHIR R4 Bundle as .json"
    )
    mapping = forms.CharField(
        required=False,
        label="Column mapping",
        help_text="Only when the header differs, e.g. patient=MRN,date=Appt Date",
    )
    valid_rows_only = forms.BooleanField(
        required=False, label="Import the valid rows even if other rows have errors"
    )

    def clean_mapping(self):
        try:
            return parse_mapping(self.cleaned_data["mapping"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class WorklistFilterForm(forms.Form):
    date_from = forms.DateField(required=False, label="From")
    date_to = forms.DateField(required=False, label="To")
    kind = forms.ChoiceField(
        required=False, choices=[("", "Every flag")] + FlagKind.choices, label="Flag"
    )
    payer = forms.ModelChoiceField(
        required=False, queryset=Payer.objects.none(), empty_label="Every payer"
    )
    provider = forms.ChoiceField(required=False, choices=[("", "Every provider")])
    q = forms.CharField(required=False, label="Search")

    def __init__(self, practice, data=None):
        super().__init__(data)
        self.fields["payer"].queryset = Payer.objects.filter(practice=practice)
        providers = (
            Appointment.objects.filter(practice=practice)
            .exclude(provider="")
            .values_list("provider", flat=True)
            .distinct()
            .order_by("provider")
        )
        self.fields["provider"].choices += [(name, name) for name in providers]

    def filters(self):
        """Return the keyword filters for worklist.flags_in_range.

        An invalid value drops only its own filter; the page lists which ones.
        """
        self.is_valid()
        data = self.cleaned_data
        today = timezone.localdate()
        date_from = data.get("date_from") or today
        return {
            "date_from": date_from,
            "date_to": data.get("date_to")
            or date_from + datetime.timedelta(days=WORKLIST_DAYS),
            "kind": data.get("kind", ""),
            "payer_id": data["payer"].pk if data.get("payer") else None,
            "provider": data.get("provider", ""),
            "query": data.get("q", "").strip(),
        }


class FlagDecisionForm(forms.Form):
    state = forms.ChoiceField(
        choices=[
            (FlagState.ACKNOWLEDGED, "Acknowledge"),
            (FlagState.OVERRIDDEN, "Override"),
        ]
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ChecklistStateForm(forms.Form):
    state = forms.ChoiceField(choices=ChecklistState.choices)
    reason = forms.CharField(required=False, max_length=2000)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("state") == ChecklistState.WAIVED
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", "Say why the item is waived.")
        return cleaned


class AuthorizationForm(forms.ModelForm):
    code_lines = forms.CharField(
        label="Codes and units approved",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One code a line, with units after a colon: 15823:1",
    )

    class Meta:
        model = Authorization
        fields = [
            "number",
            "patient_ref",
            "payer",
            "status",
            "valid_from",
            "valid_to",
            "renew_by",
            "appointments",
            "note",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
            "renew_by": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"patient_ref": "Patient", "appointments": "Linked visits"}

    def __init__(self, practice, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.fields["payer"].queryset = Payer.objects.filter(practice=practice)
        visits = Appointment.objects.filter(practice=practice).order_by("starts_at")
        if self.instance.pk:
            visits = visits.filter(patient_ref=self.instance.patient_ref)
            self.initial["code_lines"] = "\n".join(
                f"{code.code}:{code.units_approved}"
                for code in self.instance.codes.all()
            )
        else:
            since = timezone.localdate() - datetime.timedelta(days=LINKABLE_PAST_DAYS)
            visits = visits.filter(starts_at__date__gte=since)
        self.fields["appointments"].queryset = visits
        self.fields["appointments"].required = False

    def clean_code_lines(self):
        codes = []
        for number, text in enumerate(self.cleaned_data["code_lines"].splitlines(), 1):
            if not text.strip():
                continue
            match = CODE_LINE.match(text)
            if not match or not CODE_SHAPE.match(match.group(1).upper()):
                raise forms.ValidationError(
                    f"Line {number} ({text.strip()!r}) is not CODE:UNITS, e.g. 15823:1."
                )
            codes.append((match.group(1).upper(), int(match.group(2) or 1)))
        if not codes:
            raise forms.ValidationError("List at least one code.")
        return codes

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", "The end date is before the start date.")
        visits = cleaned.get("appointments") or []
        patient = cleaned.get("patient_ref")
        if any(visit.patient_ref != patient for visit in visits):
            self.add_error("appointments", "Link only visits of the same patient.")
        if patient:
            self.check_patient_spelling(patient)
        return cleaned

    def check_patient_spelling(self, patient):
        """Reject a patient reference that matches visits only in another letter case.

        Matching compares references exactly, so "pt-2005" would never cover the
        visits of PT-2005 and the flag check would keep reporting a missing approval.
        """
        visits = Appointment.objects.filter(practice=self.practice)
        if visits.filter(patient_ref=patient).exists():
            return
        spelled = (
            visits.filter(patient_ref__iexact=patient)
            .values_list("patient_ref", flat=True)
            .first()
        )
        if spelled is not None:
            self.add_error(
                "patient_ref",
                f"No visit has patient {patient!r}, but visits have {spelled!r}. "
                f"References must match exactly, so write {spelled!r}.",
            )
