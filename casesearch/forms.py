from __future__ import annotations

from django import forms

from casesearch.engine import searchable


class NoteSearchForm(forms.Form):
    terms = forms.CharField(
        label="Words in the notes",
        help_text='For example, housing appeal. Put a phrase in quotes, like "food bank".',
        max_length=200,
        error_messages={"required": "Enter the words to look for in the notes"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "true"}),
    )

    def clean_terms(self) -> str:
        terms: str = self.cleaned_data["terms"].strip()
        if not searchable(terms):
            raise forms.ValidationError("Enter at least one word to look for, using letters or numbers")
        return terms
