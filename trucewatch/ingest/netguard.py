"""The network under the fetcher: which addresses it may reach, and a deadline on every request.

A feed is written by strangers. A link in it to `http://127.0.0.1:8080/admin` or to a cloud
metadata address (169.254.169.254) would make TruceWatch fetch, and store, what only the
monitor's own machine can see (SSRF). And a server that trickles one byte a second passes any
per-read timeout forever. Both are decided here, at the socket, for every connection httpx
opens (redirects included): each address a host resolves to is checked before connecting (the
checked address is the one connected to, so a second DNS answer cannot swap it), and every
connect, read and write gets only what is left of the request's deadline.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time

import httpcore
import httpx

HINT = "pass --allow-private to fetch from loopback, private or link-local addresses"


class BlockedAddress(Exception):
    """A connection the guard refused; the message says which address and why."""


def refusal(address: str) -> str | None:
    """Why an IP address may not be fetched from by default, or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, what in ((ip.is_loopback, "loopback"), (ip.is_link_local, "link-local"),
                       (ip.is_private, "private"), (ip.is_unspecified, "unspecified"),
                       (ip.is_multicast, "multicast"), (ip.is_reserved, "reserved")):
        if test:
            return f"{address} is a {what} address"
    if not ip.is_global:
        return f"{address} is not a public address"
    return None


class Deadline(threading.local):
    """The monotonic time by which the current thread's request must be done (None: no limit)."""

    at: float | None = None

    def left(self, timeout: float | None, *, connecting: bool = False) -> float | None:
        if self.at is None:
            return timeout
        remaining = self.at - time.monotonic()
        if remaining <= 0:
            error = httpcore.ConnectTimeout if connecting else httpcore.ReadTimeout
            raise error("the request ran past its deadline")
        return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline):
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        stream = self._stream.start_tls(ssl_context, server_hostname, self._deadline.left(timeout))
        return _DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, with the address check and the deadline in front."""

    def __init__(self, *, allow_private: bool, deadline: Deadline):
        self.allow_private = allow_private
        self.deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address=None,
                    socket_options=None) -> httpcore.NetworkStream:
        addresses = self._addresses(host, port)
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(address, port, self.deadline.left(timeout, connecting=True),
                                                 local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _DeadlineStream(stream, self.deadline)
        raise last or httpcore.ConnectError(f"{host} has no address")

    def _addresses(self, host: str, port: int) -> list[str]:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from None
        addresses = list(dict.fromkeys(info[4][0] for info in found))
        if not self.allow_private:
            for address in addresses:
                why = refusal(address)
                if why:
                    shown = host if host == address else f"{host} resolves to {address}, which"
                    raise BlockedAddress(f"refused: {shown} {why.split(' ', 1)[1]}; {HINT}")
        return addresses

    def connect_unix_socket(self, path: str, timeout=None, socket_options=None):
        raise BlockedAddress(f"refused: {path} is a local socket")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over the guarded backend. Environment proxies are not used: through a
    proxy the address of the real host could not be checked."""

    def __init__(self, backend: GuardedBackend):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=10,
            max_keepalive_connections=5, keepalive_expiry=5.0, network_backend=backend)
