import datetime

from django import forms

from .choices import DataKind


class DateOfServiceForm(forms.Form):
    date = forms.DateField(
        required=False,
        label="Date of service",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def date_or_today(self):
        if self.is_valid() and self.cleaned_data["date"]:
            return self.cleaned_data["date"]
        return datetime.date.today()


class ReferenceUploadForm(forms.Form):
    kind = forms.ChoiceField(choices=DataKind.choices, label="Data set")
    file = forms.FileField(label="File in the official format")
    label = forms.CharField(
        required=False,
        max_length=200,
        label="Release name",
        help_text="For example HCPCS 2026 April. Left empty, it is read from the file name.",
    )
