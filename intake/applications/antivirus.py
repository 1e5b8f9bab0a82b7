"""ClamAV over clamd's INSTREAM command (no library: the protocol is a few lines).

`scan(handle)` answers CLEAN or INFECTED (with the signature's name), or raises ScannerUnavailable
when clamd cannot be reached or answers something else, so the caller can keep the file unserved
and try again later. Configured by CLAMD_ADDRESS ("host:port" or a Unix socket path).
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import IO

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    pass


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    host, _, port = address.rpartition(":")
    return socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout)


def scan(handle: IO[bytes], *, address: str, timeout: float = 10.0) -> ScanResult:
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            handle.seek(0)
            while chunk := handle.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                data = sock.recv(4096)
                if not data:
                    break
                answer += data
    except (OSError, ValueError) as error:
        raise ScannerUnavailable(str(error)) from error
    finally:
        handle.seek(0)
    text = answer.rstrip(b"\0").decode("utf-8", "replace").strip()
    # "stream: OK" or "stream: Eicar-Signature FOUND"; anything else is an error.
    if text.endswith(" OK"):
        return ScanResult(clean=True)
    if text.endswith(" FOUND"):
        return ScanResult(clean=False, signature=text.split(": ", 1)[-1][: -len(" FOUND")])
    raise ScannerUnavailable(text or "no answer from clamd")
