#!/usr/bin/env python3
"""A throwaway SMTP server for `mta-sts check` tests: greeting, EHLO, STARTTLS (RFC 3207), QUIT; it accepts no mail.

Listens on every --listen ADDRESS:PORT:CERT:KEY (STARTTLS offered with that PEM certificate and key) and every
--plain ADDRESS:PORT (EHLO without STARTTLS). The TLS is Python's ssl module (OpenSSL), a real TLS stack.
build/check-lab.sh runs it inside a network namespace, one loopback address per MX host.
"""
import argparse
import asyncio
import ssl


def tls_context(cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    return context


def handler(name, context):
    async def session(reader, writer):
        try:
            writer.write(f"220 {name} ESMTP mtasts-check-lab\r\n".encode())
            await writer.drain()
            for _ in range(50):  # bounded: a probe needs four commands
                line = await asyncio.wait_for(reader.readline(), timeout=30)
                if not line:
                    break
                verb = line.decode("ascii", "replace").strip().split(" ")[0].upper()
                if verb == "EHLO":
                    extensions = ["PIPELINING", "8BITMIME"]
                    if context is not None and writer.get_extra_info("ssl_object") is None:
                        extensions.append("STARTTLS")
                    lines = [name] + extensions
                    writer.write("".join(f"250-{l}\r\n" for l in lines[:-1]).encode() + f"250 {lines[-1]}\r\n".encode())
                elif verb == "HELO":
                    writer.write(f"250 {name}\r\n".encode())
                elif verb == "STARTTLS" and context is not None and writer.get_extra_info("ssl_object") is None:
                    writer.write(b"220 2.0.0 Ready to start TLS\r\n")
                    await writer.drain()
                    await writer.start_tls(context)
                    continue
                elif verb == "QUIT":
                    writer.write(b"221 2.0.0 Bye\r\n")
                    await writer.drain()
                    break
                elif verb in ("NOOP", "RSET"):
                    writer.write(b"250 2.0.0 OK\r\n")
                else:
                    writer.write(b"502 5.5.2 Not implemented\r\n")
                await writer.drain()
        except (asyncio.TimeoutError, ConnectionError, ssl.SSLError, OSError):
            pass
        finally:
            writer.close()

    return session


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", action="append", default=[], help="ADDRESS:PORT:CERT:KEY, STARTTLS offered")
    parser.add_argument("--plain", action="append", default=[], help="ADDRESS:PORT, no STARTTLS")
    parser.add_argument("--name", default="mx.lab.example", help="the name in the greeting")
    args = parser.parse_args()

    servers = []
    for spec in args.listen:
        address, port, cert, key = spec.split(":", 3)
        servers.append(await asyncio.start_server(handler(args.name, tls_context(cert, key)), address, int(port)))
    for spec in args.plain:
        address, port = spec.split(":")
        servers.append(await asyncio.start_server(handler(args.name, None), address, int(port)))
    print(f"smtp: listening on {len(servers)} addresses", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


if __name__ == "__main__":
    asyncio.run(main())
