#!/usr/bin/env python3
"""Serves one MTA-STS policy file over HTTPS, the way a static web host would (RFC 8461 section 3.3).

GET or HEAD /.well-known/mta-sts.txt answers 200 with the file's bytes as they are on disk (read anew for each
request, so a changed file is served at once), Content-Type text/plain; every other path answers 404. No redirects.

build/interop.sh uses it for `check --policy FILE`, to prove a policy file a user generated without running their
own site. Python's standard library only: it runs wherever mta-sts-query (also Python) runs.
"""
import argparse
import http.server
import ssl

WELL_KNOWN = "/.well-known/mta-sts.txt"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", required=True, help="the policy file to serve")
    parser.add_argument("--cert", required=True, help="PEM certificate (chain) for mta-sts.<domain>")
    parser.add_argument("--key", required=True, help="PEM private key of --cert")
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=443)
    args = parser.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "mtasts-interop-policy-server"

        def do_HEAD(self):
            self.answer(send_body=False)

        def do_GET(self):
            self.answer(send_body=True)

        def answer(self, send_body):
            if self.path != WELL_KNOWN:
                self.send_error(404)
                return
            with open(args.policy, "rb") as policy:
                body = policy.read()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(args.cert, args.key)
    server = http.server.ThreadingHTTPServer((args.address, args.port), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"serving {args.policy} at https://{args.address}:{args.port}{WELL_KNOWN}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
