"""Security headers every response carries, and the data files kept private.

`SecurityHeadersMiddleware` adds a Content-Security-Policy and a Permissions-Policy to
each response that has none. The policy allows scripts from the site itself only: no
inline script, no `eval` (htmx is vendored under /static/ and needs neither as we use it:
no `hx-on`, no `js:` values, no trigger filters). Styles also allow inline `style`
attributes, which a few bars and the error page use; nothing runs from them. Images may
be `data:` URIs (charts). Frames, plugins and other sites' forms are refused.

`keep_database_private` makes the SQLite file (and its -wal/-shm companions) readable by
its owner only, and its directory (the data directory) private, on every new connection;
uploaded files and their directories are created 0600/0700 by FILE_UPLOAD_PERMISSIONS and
FILE_UPLOAD_DIRECTORY_PERMISSIONS in the settings.
"""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# Powerful browser features the site never uses, refused for it and anything it embeds.
PERMISSIONS_POLICY: Final = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (a view may set
    its own, stricter, policy: it is kept)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.policy = getattr(
            settings, "CONTENT_SECURITY_POLICY_HEADER", CONTENT_SECURITY_POLICY
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response


PRIVATE_FILE: Final = 0o600
PRIVATE_DIRECTORY: Final = 0o700


def _restrict(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # gone meanwhile, or not ours: leave it
        if path.exists() and stat.S_IMODE(path.stat().st_mode) & ~mode:
            path.chmod(mode)


def sqlite_file(database: dict[str, Any]) -> Path | None:
    """The database's file when it is SQLite on disk (not in memory)."""
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return None
    name = str(database.get("NAME") or "")
    if (
        not name
        or name == ":memory:"
        or "mode=memory" in name
        or name.startswith("file:")
    ):
        return None
    return Path(name)


def keep_database_private(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: the SQLite file and its directory are private."""
    path = sqlite_file(connection.settings_dict)
    if path is None:
        return
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        _restrict(companion, PRIVATE_FILE)
    data_dir = Path(settings.DATA_DIR)
    if path.parent.resolve() == data_dir.resolve():
        _restrict(data_dir, PRIVATE_DIRECTORY)


def connect() -> None:
    from django.db.backends.signals import connection_created

    connection_created.connect(
        keep_database_private, dispatch_uid="casework.site.security.private_database"
    )
