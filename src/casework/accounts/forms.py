"""Forms of the accounts app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from casework.accounts.models import Profile
from casework.accounts.tasks import send_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail is sent by the background worker, not the web request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
        send_email.enqueue(subject, body, [to_email], html_body=html)


class ProfileSettingsForm(forms.ModelForm[Profile]):
    """What a user sets for themselves: their language and which e-mails they get."""

    class Meta:
        model = Profile
        fields = (
            "preferred_language",
            "email_on_clearance",
            "email_on_report_steps",
            "email_on_findings",
            "email_on_deadlines",
        )
