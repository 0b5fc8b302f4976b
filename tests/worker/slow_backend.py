"""A file email backend that takes its time, for the worker tests only.

It lets a test kill the worker in the middle of sending a reminder: before writing
anything it leaves a marker file named after its process id in
ACCORD_TEST_MARKER_DIR, then sleeps ACCORD_TEST_EMAIL_DELAY seconds (default 5).
The worker subprocess uses it through the EMAIL_BACKEND environment variable; no
product code knows about it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        marker_dir = os.environ.get("ACCORD_TEST_MARKER_DIR")
        if marker_dir:
            marker = Path(marker_dir) / f"{os.getpid()}-{time.monotonic_ns()}.sending"
            marker.write_text(str(os.getpid()))
        time.sleep(float(os.environ.get("ACCORD_TEST_EMAIL_DELAY", "5")))
        return super().send_messages(email_messages)
