from django import forms

from .models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    frequency = forms.ChoiceField(
        label="How often", choices=Frequency.choices, initial=Frequency.IMMEDIATE, widget=forms.RadioSelect
    )
    follow = forms.CharField(max_length=300, widget=forms.HiddenInput)
    # The honeypot: hidden from people (CSS) and from assistive technology; bots fill it in.
    website = forms.CharField(required=False, max_length=300)
