"""Sign-in link keys never reach the logs: the access log and Django's request log."""

import logging


def test_sign_in_link_keys_are_redacted_in_both_logs():
    from painwise.web.logs import RedactFilter, redact

    line = "GET /accounts/link/AbC_123-xyz/?next=/track/ HTTP/1.1"
    assert redact(line) == "GET /accounts/link/[redacted]/?next=/track/ HTTP/1.1"
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Gone: %s", ("/accounts/link/secret/",), None
    )
    RedactFilter().filter(record)
    assert record.getMessage() == "Gone: /accounts/link/[redacted]/"
