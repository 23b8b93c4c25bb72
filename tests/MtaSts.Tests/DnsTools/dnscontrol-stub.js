// Runs a DNSControl configuration against a stub of the DNSControl functions it may call and prints what it was
// called with, as JSON: [{ domain, registrar, provider, noPurge, records: [{ type, label, value, ttl }] }].
// The stub checks the argument types DNSControl's own helpers require; anything else is an error (exit 1).
// Usage: node dnscontrol-stub.js <dnsconfig.js>
const fs = require("fs");
const vm = require("vm");

const domains = [];
const fail = message => { throw new Error(message); };
const modifier = (kind, value) => ({ __modifier: kind, value });

const sandbox = {
  NewRegistrar: (name, ...rest) => (typeof name === "string" && rest.length === 0 ? modifier("registrar", name) : fail("NewRegistrar(name)")),
  NewDnsProvider: (name, ...rest) => (typeof name === "string" && rest.length === 0 ? name : fail("NewDnsProvider(name)")),
  DnsProvider: (name, ...rest) => (typeof name === "string" && rest.length <= 1 ? modifier("provider", name) : fail("DnsProvider(provider)")),
  NO_PURGE: modifier("noPurge", true),
  TTL: ttl => (Number.isInteger(ttl) && ttl >= 0 ? modifier("ttl", ttl) : fail("TTL(seconds)")),
  TXT: (label, value, ...modifiers) => {
    if (typeof label !== "string") fail("TXT(label, ...)");
    const strings = Array.isArray(value) ? value : [value];
    if (!strings.every(s => typeof s === "string")) fail("TXT(label, string or [strings])");
    const ttl = modifiers.filter(m => m && m.__modifier === "ttl").map(m => m.value);
    if (ttl.length !== modifiers.length || ttl.length > 1) fail("TXT modifiers: one TTL()");
    return { __record: true, type: "TXT", label, value: strings.join(""), strings, ttl: ttl[0] };
  },
  // DNSControl takes a CNAME target fully qualified with its root dot (or a short name relative to the zone, which a
  // generated file never writes): a target with dots but no final dot is refused, as DNSControl's checks do.
  CNAME: (label, target, ...modifiers) => {
    if (typeof label !== "string" || typeof target !== "string") fail("CNAME(label, target, ...)");
    if (target.includes(".") && !target.endsWith(".")) fail(`CNAME("${label}", "${target}"): a target with dots must end with a dot`);
    const ttl = modifiers.filter(m => m && m.__modifier === "ttl").map(m => m.value);
    if (ttl.length !== modifiers.length || ttl.length > 1) fail("CNAME modifiers: one TTL()");
    return { __record: true, type: "CNAME", label, value: target, strings: [target], ttl: ttl[0] };
  },
  D: (domain, registrar, ...items) => {
    if (typeof domain !== "string") fail("D(name, ...)");
    if (!registrar || registrar.__modifier !== "registrar") fail("D(name, registrar, ...)");
    if (domains.some(d => d.domain === domain)) fail(`D("${domain}") twice`);
    const entry = { domain, registrar: registrar.value, provider: null, noPurge: false, records: [] };
    for (const item of items) {
      if (item && item.__record) entry.records.push({ type: item.type, label: item.label, value: item.value, strings: item.strings, ttl: item.ttl });
      else if (item && item.__modifier === "provider") entry.provider = item.value;
      else if (item && item.__modifier === "noPurge") entry.noPurge = true;
      else fail(`D("${domain}"): unexpected argument ${JSON.stringify(item)}`);
    }
    domains.push(entry);
  },
};

const file = process.argv[2];
vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox, { filename: file });
process.stdout.write(JSON.stringify(domains));
