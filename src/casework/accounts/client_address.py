"""The address a request comes from, reading `X-Forwarded-For` only from trusted proxies.

Behind a reverse proxy every request arrives from the proxy's address; the lock-out
(django-axes) and the password-reset throttle would then count every visitor as one.
`CASEWORK_TRUSTED_PROXIES` (settings.TRUSTED_PROXIES) lists the proxies' addresses or
networks. When the connection comes from one of them, the forwarded chain is read from
the right, skipping trusted proxies; the first address that is not one is the client.
A header from anyone else is ignored, so a visitor cannot choose the address counted.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """ "10.0.0.1", "10.0.0.0/8", "::1" -> networks; raises ValueError naming a bad one."""
    networks = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError as exc:
            raise ValueError(
                f"CASEWORK_TRUSTED_PROXIES: {value!r} is not an IP address or network "
                "(write e.g. 10.0.0.5 or 10.0.0.0/24, comma-separated)"
            ) from exc
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
    networks: tuple[Network, ...],
) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address as a string ("" when the connection has none)."""
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return ""
    networks = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    client = remote
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break  # garbage in the chain: keep the last address we could trust
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)
