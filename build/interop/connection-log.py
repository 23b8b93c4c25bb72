#!/usr/bin/env python3
"""Listens on ADDRESS:PORT pairs and records every connection it sees, one line each, then closes it.

The SSRF targets of build/check-lab.sh: a checker that refuses non-public addresses must leave this log empty.
usage: connection-log.py --log FILE --listen 127.0.0.1:443 --listen [::1]:25 ...
"""
import argparse
import asyncio
import datetime
import sys


def parse(value):
    host, _, port = value.rpartition(":")
    return host.strip("[]"), int(port)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--listen", action="append", type=parse, required=True)
    args = parser.parse_args()

    def handler(local):
        async def on_connect(reader, writer):
            peer = writer.get_extra_info("peername")
            with open(args.log, "a", encoding="utf-8") as log:
                log.write(f"{datetime.datetime.now(datetime.timezone.utc).isoformat()} {local[0]}:{local[1]} from {peer[0]}:{peer[1]}\n")
            writer.close()
        return on_connect

    servers = []
    for host, port in args.listen:
        servers.append(await asyncio.start_server(handler((host, port)), host, port))
    print(f"listening on {', '.join(f'{h}:{p}' for h, p in args.listen)}", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
