from django import forms
from django.core import validators
from django.utils.text import slugify

from cptdesk.scope.guard import CATEGORY_LABELS, check_scope

from .choices import SituationTag
from .models import Script
from .placeholders import PLACEHOLDERS, find_problems

# Fields whose text staff read out or act on. "Never say" is left out because it
# lists bad examples on purpose.
CHECKED_FIELDS = ("situation", "say", "route_when")
TEXT_FIELDS = (*CHECKED_FIELDS, "never_say")
# The longest field of a starter script has 441 characters. The limit also bounds the
# time that saving takes, because saving runs the scope check on every field in full.
MAX_SCRIPT_FIELD_CHARACTERS = 4_000
MAX_ANSWER_CHARACTERS = 2_000  # a written training answer


def describe_findings(text):
    """Return one sentence per scope finding in text: category, phrase and rewrite.

    Quoted words in a script are words staff will say, so they are checked too.
    """
    return [
        f"{CATEGORY_LABELS[finding.category]}: \u201c{finding.phrase}\u201d. "
        f"Say instead: {finding.rewrite}"
        for finding in check_scope(text, quotes_are_own=True)
    ]


class ScriptForm(forms.ModelForm):
    tags = forms.MultipleChoiceField(
        choices=SituationTag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pages that handle these situations offer the script.",
    )

    class Meta:
        model = Script
        fields = [
            "title",
            "audience",
            "stage",
            "tags",
            "situation",
            "say",
            "never_say",
            "route_when",
            "route_to",
        ]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 2}),
            "say": forms.Textarea(attrs={"rows": 6}),
            "never_say": forms.Textarea(attrs={"rows": 2}),
            "route_when": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"say": "What to say", "route_when": "Route when", "route_to": "To"}

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.instance.practice = practice
        for name in TEXT_FIELDS:
            limit_length(self.fields[name], MAX_SCRIPT_FIELD_CHARACTERS)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = self.instance.tag_list

    def clean_tags(self):
        return ",".join(self.cleaned_data["tags"])

    def clean(self):
        cleaned = super().clean()
        for name in CHECKED_FIELDS:
            text = cleaned.get(name) or ""
            for problem in find_problems(text):
                self.add_error(name, problem.message)
            for message in describe_findings(text):
                self.add_error(name, message)
        return cleaned

    def save(self, commit=True):
        script = super().save(commit=False)
        if not script.key:
            script.key = self.unique_key(script.title)
        if commit:
            script.save()
        return script

    def unique_key(self, title):
        base = slugify(title)[:70] or "script"
        taken = set(
            Script.objects.of(self.practice)
            .filter(key__startswith=base)
            .values_list("key", flat=True)
        )
        key, number = base, 2
        while key in taken:
            key, number = f"{base}-{number}", number + 1
        return key


def limit_length(field, max_length):
    """Give a form field generated from a TextField a maximum length.

    The limit lives in the form, not the model, so the database column stays as it is.
    """
    field.max_length = max_length
    field.validators.append(validators.MaxLengthValidator(max_length))
    field.widget.attrs["maxlength"] = str(max_length)


class FillForm(forms.Form):
    """The facts at hand that fill a script's placeholders."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in PLACEHOLDERS.items():
            self.fields[name] = forms.CharField(
                label=label.capitalize(), required=False, max_length=120
            )

    def values(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class WrittenAnswerForm(forms.Form):
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_ANSWER_CHARACTERS,
        label="Your answer",
    )


class ChoiceAnswerForm(forms.Form):
    choice = forms.TypedChoiceField(
        coerce=int, widget=forms.RadioSelect, label="Your answer"
    )

    def __init__(self, *args, scenario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [
            (index, option.text) for index, option in enumerate(scenario.options)
        ]
