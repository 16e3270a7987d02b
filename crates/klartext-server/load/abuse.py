#!/usr/bin/env python3
"""Bad traffic for the load test of `klartext serve`: for SECONDS, in parallel,
oversized bodies (expect 413), slowloris clients (headers or body trickled a byte at a
time: expect 408 or a closed connection) and malformed requests (bad JSON 400, unknown
type or charset 415, garbage request lines 400). Standard library only. Prints the
answers by kind and status; exit 1 if any answer was a 5xx.

    python3 crates/klartext-server/load/abuse.py 127.0.0.1 8080 60
    python3 crates/klartext-server/load/abuse.py 127.0.0.1 8080 60 oversized,slow_body

The optional fourth argument names the kinds to send (comma-separated, of malformed,
oversized, slow_headers, slow_body; default all), to measure them one at a time.
"""
import asyncio
import collections
import sys
import time

HOST, PORT, SECONDS = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
SLOW_CLIENTS = 32
tally = collections.Counter()


async def exchange(raw: bytes, kind: str, trickle: float = 0.0, timeout: float = 30.0, head: int = 0):
    """Sends `raw` (after its first `head` bytes, a byte every `trickle` seconds when set)
    and records the status ("closed": the server hung up without an answer)."""
    try:
        reader, writer = await asyncio.open_connection(HOST, PORT)
    except OSError as err:
        tally[(kind, "connect " + type(err).__name__)] += 1
        return
    try:
        async def send():
            if trickle:
                writer.write(raw[:head])
                for i in range(head, len(raw)):
                    writer.write(raw[i:i + 1])
                    await writer.drain()
                    await asyncio.sleep(trickle)
            else:
                writer.write(raw)
                await writer.drain()

        sender = asyncio.ensure_future(send())
        line = await asyncio.wait_for(reader.readline(), timeout)
        sender.cancel()
        status = line.split(b" ")[1].decode() if line.count(b" ") >= 2 else "closed"
        tally[(kind, status)] += 1
    except (ConnectionError, asyncio.TimeoutError) as err:
        tally[(kind, type(err).__name__)] += 1
    finally:
        writer.close()


def post(ctype: str, body: bytes, path: str = "/v1/extract") -> bytes:
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode() + body


MALFORMED = [
    ("bad-json", post("application/json", b'{"html": "<p>unclosed')),
    ("json-no-input", post("application/json", b'{"url": "https://example.org/"}')),
    ("json-wrong-type", post("application/json", b'{"html": 42}')),
    ("unknown-type", post("image/png", b"\x89PNG\r\n")),
    ("unknown-charset", post("text/html; charset=klingon", b"<p>x</p>")),
    ("batch-bad-lines", post("application/x-ndjson", b'{"html": "<p>a</p>"}\nnot json\n{"text": 1}\n', "/v1/extract/batch")),
    ("garbage-line", b"\x00\x01GARBAGE\r\n\r\n"),
    ("bad-header", b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
    ("no-route", b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    ("wrong-method", b"DELETE /v1/extract HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
]
OVERSIZED = post("text/html", b"<p>" + b"x" * (11 << 20))


async def until_end(task):
    end = time.monotonic() + SECONDS
    while time.monotonic() < end:
        await task()


async def malformed():
    for kind, raw in MALFORMED:
        await exchange(raw, kind)
    await asyncio.sleep(0.05)


async def oversized():
    await exchange(OVERSIZED, "oversized")


async def slow_headers():
    await exchange(b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n",
                   "slowloris-headers", trickle=1.0, timeout=SECONDS + 30)


async def slow_body():
    raw = post("text/html", b"<p>" + b"y" * 400)
    await exchange(raw, "slowloris-body", trickle=0.5, timeout=SECONDS + 30,
                   head=raw.index(b"\r\n\r\n") + 4)


async def main():
    kinds = (sys.argv[4] if len(sys.argv) > 4 else "malformed,oversized,slow_headers,slow_body").split(",")
    tasks = [until_end(malformed)] if "malformed" in kinds else []
    tasks += [until_end(oversized)] if "oversized" in kinds else []
    tasks += [until_end(slow_headers) for _ in range(SLOW_CLIENTS // 2) if "slow_headers" in kinds]
    tasks += [until_end(slow_body) for _ in range(SLOW_CLIENTS // 2) if "slow_body" in kinds]
    await asyncio.gather(*tasks)
    for (kind, status), n in sorted(tally.items()):
        print(f"{kind:18} {status:22} {n}")
    return any(s.startswith("5") for (_, s) in tally)


sys.exit(1 if asyncio.run(main()) else 0)
