#!/usr/bin/env python3
"""Serves many MTA-STS policy hosts over HTTPS on one address, each the way it is configured to (mis)behave.

--hosts FILE is JSON: {"mta-sts.a.example": {"cert": PEM, "key": PEM, "policy": FILE, "status": 200,
"contentType": "text/plain", "location": null}, ...}. The certificate is chosen by SNI (unknown names get --default);
GET/HEAD /.well-known/mta-sts.txt answers with the host's status, Content-Type, Location and the policy file's bytes.
build/check-lab.sh uses it to give every scenario of the `mta-sts check` tests its own policy host at once: a 302,
text/html, a certificate for another name, an expired certificate, a body over 64 KiB.
"""
import argparse
import http.server
import json
import ssl

WELL_KNOWN = "/.well-known/mta-sts.txt"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", required=True)
    parser.add_argument("--default", required=True, help="the host whose certificate answers unknown SNI names")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=443)
    args = parser.parse_args()
    with open(args.hosts) as f:
        hosts = json.load(f)

    contexts = {}
    for name, host in hosts.items():
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(host["cert"], host["key"])
        contexts[name] = context

    def pick(ssl_socket, server_name, _context):
        if server_name in contexts:
            ssl_socket.context = contexts[server_name]

    default = contexts[args.default]
    default.sni_callback = pick

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "mtasts-check-lab"

        def do_HEAD(self):
            self.answer(send_body=False)

        def do_GET(self):
            self.answer(send_body=True)

        def answer(self, send_body):
            host = hosts.get((self.headers.get("Host") or "").split(":")[0].lower())
            if host is None or self.path != WELL_KNOWN:
                self.send_error(404)
                return
            with open(host["policy"], "rb") as policy:
                body = policy.read()
            self.send_response(host.get("status", 200))
            self.send_header("Content-Type", host.get("contentType", "text/plain; charset=utf-8"))
            if host.get("location"):
                self.send_header("Location", host["location"])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # a client that stops reading at its size limit

        def log_message(self, fmt, *a):
            print("%s %s" % (self.headers.get("Host"), fmt % a), flush=True)

    server = http.server.ThreadingHTTPServer((args.address, args.port), Handler)
    server.socket = default.wrap_socket(server.socket, server_side=True)
    print(f"policy hosts: {len(hosts)} at https://{args.address}:{args.port}{WELL_KNOWN}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
