"""GOV.UK Notify delivery of the alert emails (ALERTS_EMAIL_BACKEND, set when
GOVUK_NOTIFY_API_KEY is).

django-gov-notify's backend drops custom headers, so an alert's List-Unsubscribe link
would be lost. Notify takes that link as `one_click_unsubscribe_url` and writes the
RFC 8058 headers itself; this backend passes it on. Everything else is the library's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.message import sanitize_address
from django_gov_notify.backends import NotifyEmailBackend
from django_gov_notify.utils import cast_to_notify_email_message

NOTIFICATIONS = "/v2/notifications/email"
_URL = re.compile(r"<(https?://[^>]+)>")


def one_click_url(message: EmailMessage) -> str:
    """The https link of the message's List-Unsubscribe header, or ""."""
    header = str(message.extra_headers.get("List-Unsubscribe", ""))
    if "List-Unsubscribe-Post" not in message.extra_headers:
        return ""
    match = _URL.search(header)
    return match.group(1) if match else ""


class NotifyAlertsBackend(NotifyEmailBackend):  # type: ignore[misc]  # the library ships no types
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for original in email_messages or []:
            url = one_click_url(original)
            message = cast_to_notify_email_message(original, self.fail_silently)
            with self._lock:
                self.open()
                if self._send_with_unsubscribe(message, url):
                    sent += 1
        return sent

    def _send_with_unsubscribe(self, message: Any, url: str) -> bool:
        if not message.recipients():
            return False
        fields = message.message()
        try:
            for recipient in message.recipients():
                notification: dict[str, Any] = {
                    "email_address": sanitize_address(recipient, message.encoding or "utf-8"),
                    "template_id": fields["template_id"],
                    "personalisation": fields["personalisation"],
                }
                if fields.get("email_reply_to_id"):
                    notification["email_reply_to_id"] = fields["email_reply_to_id"]
                if url:
                    notification["one_click_unsubscribe_url"] = url
                self.client.post(NOTIFICATIONS, data=notification)
        except Exception:
            if not self.fail_silently:
                raise
            return False
        return True
