#!/usr/bin/env python3
"""Writes N synthetic TLS-RPT aggregate reports (RFC 8460) in the shapes real senders use, for benchmarks.

usage: build/tlsrpt-generate.py N OUTPUT_DIR [--domain example.com] [--seed 1]

Half the reports are gzip'd JSON files (.json.gz), half are e-mail messages (.eml) carrying the gzip'd JSON as an
application/tlsrpt+gzip attachment (RFC 8460 section 5.3), as the reports arrive in a mailbox. The shapes follow the
real reports in tests/MtaSts.Reporting.Tests/Samples:
  Google      one-line JSON, mx-host array, policy-string with max_age before mx, day ends 23:59:59Z,
              validation-failure rows per sending IP on some days
  Microsoft   pretty JSON, sts and tlsa entries for the same sessions (TLSA policy-string encoded twice), no mx-host,
              dates without a time zone on some reports, text/html first MIME part
  Mail.ru     keys sorted, no policy-string, sts-policy-fetch-error with failure-reason-code, day ends next 00:00Z
  SocketLabs  receiving-mx-host-name, the same policy listed twice (success and failure entries)
Only the Python standard library; deterministic for a given seed.
"""
import argparse
import base64
import datetime
import gzip
import json
import os
import random

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("count", type=int)
parser.add_argument("output")
parser.add_argument("--domain", default="example.com")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

rng = random.Random(args.seed)
domain = args.domain
mx = [f"mx1.{domain}", f"mx2.{domain}"]
policy_lines = ["version: STSv1", "mode: testing", *(f"mx: {m}" for m in mx), "max_age: 604800"]
google_lines = ["version: STSv1", "mode: testing", "max_age: 604800", *(f"mx: {m}" for m in mx)]
start_day = datetime.date(2026, 1, 1)
TLSA = [f"3 1 1 {rng.getrandbits(256):064X}" for _ in range(2)]  # a domain's TLSA records change rarely


def google(i, day):
    failures = []
    failed = 0
    if i % 7 == 0:
        for k in range(rng.randint(1, 4)):
            n = rng.randint(1, 5)
            failed += n
            failures.append({"result-type": "validation-failure", "sending-mta-ip": f"209.85.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                             "receiving-ip": "192.0.2.25", "receiving-mx-hostname": mx[1], "failed-session-count": n})
    policy = {"policy": {"policy-type": "sts", "policy-string": google_lines, "policy-domain": domain, "mx-host": mx},
              "summary": {"total-successful-session-count": rng.randint(10, 500), "total-failure-session-count": failed}}
    if failures:
        policy["failure-details"] = failures
    report = {"organization-name": "Google Inc.",
              "date-range": {"start-datetime": f"{day}T00:00:00Z", "end-datetime": f"{day}T23:59:59Z"},
              "contact-info": "smtp-tls-reporting@google.com", "report-id": f"{day}T00:00:00Z_{domain}_{i}",
              "policies": [policy]}
    return "google.com", report, json.dumps(report, separators=(",", ":"))


def microsoft(i, day):
    zone = "" if i % 3 == 0 else "Z"
    ok = rng.randint(1, 60)
    tlsa = json.dumps(TLSA, separators=(",", ":"))
    report = {"organization-name": "Microsoft Corporation",
              "date-range": {"start-datetime": f"{day}T00:00:00{zone}", "end-datetime": f"{day}T23:59:59{zone}"},
              "contact-info": "tlsrpt-noreply@microsoft.com", "report-id": f"13{rng.getrandbits(56)}+{domain}",
              "policies": [
                  {"policy": {"policy-type": "sts", "policy-string": policy_lines, "policy-domain": domain},
                   "summary": {"total-successful-session-count": ok, "total-failure-session-count": 0}},
                  {"policy": {"policy-type": "tlsa", "policy-string": [tlsa], "policy-domain": domain},
                   "summary": {"total-successful-session-count": ok, "total-failure-session-count": 0}}]}
    return "microsoft.com", report, json.dumps(report, indent=4)


def mailru(i, day):
    nxt = datetime.date.fromisoformat(day) + datetime.timedelta(days=1)
    report = {"contact-info": "tls_support@corp.mail.ru",
              "date-range": {"end-datetime": f"{nxt}T00:00:00Z", "start-datetime": f"{day}T00:00:00Z"},
              "organization-name": "Mail.ru",
              "policies": [{"failure-details": [{"failed-session-count": 1,
                                                 "failure-reason-code": "bad https response code: 404",
                                                 "result-type": "sts-policy-fetch-error"}] if i % 11 == 0 else [],
                            "policy": {"policy-domain": domain, "policy-type": "sts"},
                            "summary": {"total-failure-session-count": 1 if i % 11 == 0 else 0,
                                        "total-successful-session-count": rng.randint(0, 20)}}],
              "report-id": f"{rng.getrandbits(128):032x}@mail.ru"}
    return "mail.ru", report, json.dumps(report, indent=3, sort_keys=True)


def socketlabs(i, day):
    nxt = datetime.date.fromisoformat(day) + datetime.timedelta(days=1)
    policy = {"policy-type": "sts", "policy-string": policy_lines, "policy-domain": domain}
    report = {"organization-name": "socketlabs.com",
              "date-range": {"start-datetime": f"{day}T00:00:00Z", "end-datetime": f"{nxt}T00:00:00Z"},
              "contact-info": "tlsrpt-feedback@socketlabs.com", "report-id": f"{rng.getrandbits(128):032X}",
              "policies": [
                  {"policy": {**policy, "mx-host": mx}, "summary": {"total-successful-session-count": rng.randint(1, 30), "total-failure-session-count": 0}},
                  {"policy": {**policy, "mx-host": []}, "summary": {"total-successful-session-count": 0, "total-failure-session-count": 2},
                   "failure-details": [{"result-type": "certificate-host-mismatch", "sending-mta-ip": "142.0.177.133",
                                        "receiving-mx-host-name": mx[1], "receiving-ip": "192.0.2.26", "failed-session-count": 2}]}]}
    return "socketlabs.com", report, json.dumps(report, separators=(",", ":"))


def message(submitter, report, text, day):
    data = gzip.compress(text.encode(), mtime=0)
    b64 = base64.encodebytes(data).decode().replace("\n", "\r\n")
    name = f"{submitter}!{domain}!{day}!{report['report-id'][:20]}.json.gz"
    boundary = f"----=_Part_{rng.getrandbits(64):016x}"
    return (f"From: TLS reporting <noreply-smtp-tls-reporting@{submitter}>\r\n"
            f"To: tlsrpt@{domain}\r\n"
            f"Subject: Report Domain: {domain} Submitter: {submitter} Report-ID: <{report['report-id']}>\r\n"
            f"Date: Thu, 1 Jan 2026 00:00:00 +0000\r\n"
            f"TLS-Report-Domain: {domain}\r\nTLS-Report-Submitter: {submitter}\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"{boundary}\"\r\n\r\n"
            f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            f"<p>This is an aggregate TLS report from {submitter}.</p>\r\n"
            f"--{boundary}\r\nContent-Type: application/tlsrpt+gzip; name=\"{name}\"\r\n"
            f"Content-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            f"{b64}\r\n--{boundary}--\r\n").encode()


os.makedirs(args.output, exist_ok=True)
senders = [google, google, microsoft, microsoft, mailru, socketlabs]
for i in range(args.count):
    day = str(start_day + datetime.timedelta(days=(i // 6) % 365))
    submitter, report, text = senders[i % len(senders)](i, day)
    base = os.path.join(args.output, f"{i:06d}-{submitter}")
    if (i // len(senders)) % 2 == 0:
        with open(base + ".json.gz", "wb") as f:
            f.write(gzip.compress(text.encode(), mtime=0))
    else:
        with open(base + ".eml", "wb") as f:
            f.write(message(submitter, report, text, day))
print(f"wrote {args.count} reports to {args.output}")
