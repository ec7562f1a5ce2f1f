from django import forms
from django.forms import inlineformset_factory

from cptdesk.codes.places import USE_ASSIGNED_PLACE, place_of_service_problem
from cptdesk.lib.inputerrors import InputFileError

from .catalogfile import MAX_SLOT_MINUTES
from .choices import Notice, RuleResult
from .models import Payer, Plan, Service, ServiceCode, ServiceDocument
from .recordfiles import parse_code


class ServiceForm(forms.ModelForm):
    notices = forms.MultipleChoiceField(
        choices=Notice.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Patient notices",
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "aliases",
            "slot_minutes",
            "location",
            "place_of_service",
            "room",
            "equipment",
            "referral_required",
            "notices",
            "prep_instructions",
            "active",
        ]
        labels = {
            "slot_minutes": "Slot length (minutes)",
            "room": "Room",
            "equipment": "Equipment",
            "referral_required": "Referral needed",
            "prep_instructions": "Patient prep instructions",
        }
        help_texts = {
            "place_of_service": "Two-digit CMS code, such as 11 (office).",
            "prep_instructions": "Written to the patient; printed in the prep letter.",
        }
        widgets = {
            "aliases": forms.Textarea(attrs={"rows": 3}),
            "prep_instructions": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Service.objects.filter(practice=self.practice, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another service already has this name.")
        return name

    def clean_slot_minutes(self):
        # The same limits as the catalog file, so an exported catalog imports back.
        minutes = self.cleaned_data["slot_minutes"]
        if not 1 <= minutes <= MAX_SLOT_MINUTES:
            raise forms.ValidationError(
                f"Write a whole number of minutes from 1 to {MAX_SLOT_MINUTES}."
            )
        return minutes

    def clean_place_of_service(self):
        place = self.cleaned_data["place_of_service"].strip()
        if place.isdigit() and len(place) == 1:
            place = "0" + place  # as the catalog file import reads "2"
        if place and not (len(place) == 2 and place.isdigit()):
            raise forms.ValidationError("Write the two-digit code, such as 11 or 22.")

        problem = place_of_service_problem(place) if place else None
        if problem is not None:
            raise forms.ValidationError(f"{problem}. {USE_ASSIGNED_PLACE}.")
        return place


class ServiceCodeForm(forms.ModelForm):
    class Meta:
        model = ServiceCode
        fields = ["code", "units"]

    def clean_code(self):
        try:
            return parse_code("form", None, self.cleaned_data["code"])
        except InputFileError as error:
            raise forms.ValidationError(f"{error.problem}.") from None


ServiceCodeFormSet = inlineformset_factory(
    Service, ServiceCode, form=ServiceCodeForm, extra=2, can_delete=True
)
ServiceDocumentFormSet = inlineformset_factory(
    Service,
    ServiceDocument,
    fields=["name", "owner_class"],
    labels={"owner_class": "Who supplies it"},
    extra=2,
    can_delete=True,
)


class PayerForm(forms.ModelForm):
    class Meta:
        model = Payer
        fields = ["name", "kind", "aliases"]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Payer.objects.filter(practice=self.practice, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another payer already has this name.")
        return name


PlanFormSet = inlineformset_factory(
    Payer,
    Plan,
    fields=["name", "aliases"],
    widgets={"aliases": forms.Textarea(attrs={"rows": 2})},
    extra=2,
    can_delete=True,
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV or YAML file", help_text="Files ending .csv, .yaml or .yml."
    )


class RulePackImportForm(ImportForm):
    name = forms.CharField(
        max_length=200,
        required=False,
        label="Pack name",
        help_text="Importing a pack of the same name replaces its rules. "
        "Left empty, the name comes from the file.",
    )


class RuleFilterForm(forms.Form):
    payer = forms.ModelChoiceField(
        queryset=Payer.objects.none(), required=False, empty_label="All payers"
    )
    code = forms.CharField(max_length=5, required=False, label="Code")
    result = forms.ChoiceField(
        choices=[("", "All results"), *RuleResult.choices], required=False
    )

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payer"].queryset = Payer.objects.filter(practice=practice)
