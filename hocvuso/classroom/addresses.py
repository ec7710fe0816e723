"""The laptop's addresses, as the phones on the same Wi-Fi can reach them, best first.

Where there is no Internet, the laptop and the phones meet on one Wi-Fi (a phone's hotspot, a
small router, or the laptop's own hotspot), so the laptop's address on that Wi-Fi is found
without Internet: the interfaces are listed, and a UDP socket is "connected" to private
addresses (connect() on UDP only asks the system which address it would send from; no packet
is sent).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from dataclasses import dataclass
from typing import Iterable

ALL_INTERFACES = "0.0.0.0"
LOOPBACK_ADDRESS = "127.0.0.1"


@dataclass(frozen=True)
class Interface:
    """One IPv4 address of the laptop, with the name of its network interface when known."""

    address: str
    name: str = ""


# Interfaces that no phone on the Wi-Fi can reach: containers, virtual machines, VPNs.
_VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxcbr", "lxdbr", "cni", "flannel",
                     "podman", "tailscale", "zt", "tun", "tap", "wg", "utun", "vethernet", "vpn")
# Private addresses that the connect() trick asks about: one in each private range.
_PROBE_TARGETS = ("10.254.254.254", "192.168.254.254", "172.31.254.254")

# Ranks: a lower rank is printed first. Loopback and link-local are printed only when there is
# nothing else; an address of rank PRIVATE or OTHER means a Wi-Fi (or cable) network is there.
PRIVATE, OTHER, VIRTUAL, LINK_LOCAL, LOOPBACK = range(5)


def address_rank(interface: Interface) -> int | None:
    """Where an address goes in the list, or None when it is no address at all (0.0.0.0, IPv6, junk)."""
    try:
        address = ipaddress.IPv4Address(interface.address)
    except ValueError:
        return None
    if address.is_unspecified or address.is_multicast:
        return None
    if address.is_loopback:
        return LOOPBACK
    if address.is_link_local:
        return LINK_LOCAL
    if interface.name.lower().startswith(_VIRTUAL_PREFIXES):
        return VIRTUAL
    return PRIVATE if address.is_private else OTHER


def choose_addresses(interfaces: Iterable[Interface], routed: Iterable[str] = ()) -> list[Interface]:
    """The laptop's addresses as the volunteer should try them, best first.

    Private addresses of real interfaces first (the addresses the system routes by come first
    among them), then other addresses, then virtual interfaces; link-local addresses only when
    there is nothing better, loopback only when there is nothing at all. One line per address.
    """
    routed = list(routed)
    named: dict[str, Interface] = {}
    for interface in [*interfaces, *(Interface(address) for address in routed)]:
        if address_rank(interface) is not None and (interface.address not in named or not named[interface.address].name):
            named[interface.address] = interface
    order = list(named)

    def key(address: str):
        return (address_rank(named[address]), address not in routed, order.index(address))

    ranked = sorted(named, key=key)
    best = min((address_rank(named[address]) for address in ranked), default=None)
    if best is None:
        return []
    keep = {best} if best >= LINK_LOCAL else {PRIVATE, OTHER, VIRTUAL}
    return [named[address] for address in ranked if address_rank(named[address]) in keep]


def has_network(addresses: list[Interface]) -> bool:
    """Whether phones can reach one of the addresses: a Wi-Fi or cable network is up."""
    return any(address_rank(address) in (PRIVATE, OTHER) for address in addresses)


def routed_addresses() -> list[str]:
    """The addresses the system would send from towards private networks (no packet is sent)."""
    found = []
    for target in _PROBE_TARGETS:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect((target, 9))
                address = probe.getsockname()[0]
        except OSError:  # no route to that range: normal without Internet
            continue
        if address not in found:
            found.append(address)
    return found


def _linux_interfaces() -> list[Interface]:
    # Imported here: fcntl exists on Unix only, and this runs on Linux only (Windows has none).
    import fcntl
    import struct

    siocgifaddr = 0x8915
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as query:
        for _, name in socket.if_nameindex():
            try:
                reply = fcntl.ioctl(query.fileno(), siocgifaddr, struct.pack("256s", name.encode()[:15]))
            except OSError:  # an interface without an IPv4 address (down, or IPv6 only)
                continue
            found.append(Interface(socket.inet_ntoa(reply[20:24]), name))
    return found


def listed_interfaces() -> list[Interface]:
    """Every IPv4 address of the laptop the system tells about, without any network request."""
    found: list[Interface] = []
    if sys.platform.startswith("linux"):
        try:
            found += _linux_interfaces()
        except (OSError, ImportError):
            pass
    try:
        # Windows lists every adapter's address for the machine's own name; elsewhere it adds what it knows.
        for *_, sockaddr in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(Interface(sockaddr[0]))
    except OSError:
        pass
    return found


def laptop_addresses() -> list[Interface]:
    return choose_addresses(listed_interfaces(), routed_addresses())


def site_address(host: str, port: int, path: str = "/") -> str:
    return f"http://{host}:{port}{path}"
