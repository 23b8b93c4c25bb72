// Checks a Terraform file against the providers' schemas as the prebuilt CDK for Terraform bindings carry them
// (generated from each provider's schema; build/npm-tools.sh keeps the folders the generated files use): every
// resource and data source type exists, every attribute and nested attribute is one the provider has, every required
// attribute is set, and every data source attribute referred to exists. Prints JSON:
// { "providers": { "aws": "6.25.0", ... }, "checked": ["resource aws_route53_record", ...], "errors": [...] }.
// Usage: node tf-schema-check.js <node_modules> <provider-schemas> <file.tf>
const fs = require("fs");
const path = require("path");
const [modules, schemas, file] = process.argv.slice(2);
const { parse } = require(path.resolve(modules, "@cdktf", "hcl2json"));

const errors = [];
const providers = {};
const checked = [];

function schemaOf(kind, type) {
  const provider = type.slice(0, type.indexOf("_"));
  const root = path.join(schemas, "@cdktf", "provider-" + provider);
  const folder = (kind === "data" ? "data-" + type : type.slice(provider.length + 1)).replace(/_/g, "-");
  const js = path.join(root, "lib", folder, "index.js");
  if (!fs.existsSync(js)) return null;
  const code = fs.readFileSync(js, "utf8");
  const typings = fs.readFileSync(path.join(root, "lib", folder, "index.d.ts"), "utf8");
  const version = /providerVersion: '([^']+)'/.exec(code);
  if (version) providers[provider] = version[1];
  if (!code.includes(`tfResourceType = "${type}"`)) return null;

  // The attributes a struct or the resource itself writes, and the nested structs' converter functions.
  const attributesOf = body => {
    const attributes = {};
    for (const [, name, value] of body.matchAll(/^\s+([a-z0-9_]+): (.+),$/gm)) {
      const nested = /([a-zA-Z0-9]+)ToTerraform\b/.exec(value.replace(/cdktf\.[a-zA-Z]+ToTerraform/g, ""));
      attributes[name] = nested ? nested[1] : null;
    }
    return attributes;
  };
  const main = /synthesizeAttributes\(\) \{\s*return \{([\s\S]*?)\n\s*\};/.exec(code);
  const structs = {};
  for (const [, name, body] of code.matchAll(/function ([a-zA-Z0-9]+)ToTerraform\(struct\) \{[\s\S]*?return \{([\s\S]*?)\n\s*\};/g)) {
    structs[name] = attributesOf(body);
  }

  // Required attributes: the typings' config interfaces, each attribute documented with its Terraform name.
  const required = {};
  for (const [, name, extendsMeta, body] of typings.matchAll(/export interface ([A-Za-z0-9]+)( extends cdktf\.TerraformMetaArguments)? \{([\s\S]*?)\n\}/g)) {
    const key = extendsMeta ? "" : name.charAt(0).toLowerCase() + name.slice(1);
    required[key] = [...body.matchAll(/#([a-z0-9_]+) [A-Za-z0-9]+#[a-z0-9_]+\}[\s\S]*?readonly [A-Za-z0-9]+(\?)?:/g)].filter(m => !m[2]).map(m => m[1]);
  }
  const computed = new Set([...code.matchAll(/get[A-Za-z]*Attribute\('([a-z0-9_]+)'\)/g)].map(m => m[1]));
  return { attributes: main ? attributesOf(main[1]) : {}, structs, required, computed };
}

function checkBody(where, body, attributes, structs, required) {
  for (const name of required) {
    if (!(name in body)) errors.push(`${where}: the required attribute '${name}' is missing`);
  }
  for (const [name, value] of Object.entries(body)) {
    if (!(name in attributes)) {
      errors.push(`${where}: the provider has no attribute '${name}'`);
      continue;
    }
    const struct = attributes[name];
    if (struct) {
      for (const item of Array.isArray(value) ? value : [value]) {
        checkBody(`${where}.${name}`, item, structs[struct] || {}, structs, [] /* checked below */);
        for (const needed of schemaRequired[struct] || []) {
          if (!(needed in item)) errors.push(`${where}.${name}: the required attribute '${needed}' is missing`);
        }
      }
    }
  }
}

let schemaRequired = {};
parse(file, fs.readFileSync(file, "utf8")).then(json => {
  const found = {};
  for (const kind of ["data", "resource"]) {
    for (const [type, blocks] of Object.entries(json[kind] || {})) {
      const schema = schemaOf(kind, type);
      checked.push(`${kind} ${type}`);
      if (!schema) {
        errors.push(`${kind} ${type}: no such ${kind === "data" ? "data source" : "resource"} in the provider's schema`);
        continue;
      }
      found[`${kind}.${type}`] = schema;
      schemaRequired = schema.required;
      for (const [name, [body]] of Object.entries(blocks)) {
        checkBody(`${kind}.${type}.${name}`, body, schema.attributes, schema.structs, schema.required[""] || []);
      }
    }
  }
  // Every reference ${data.type.name.attribute} names an attribute the data source has.
  const text = JSON.stringify(json);
  for (const [, type, attribute] of text.matchAll(/\$\{data\.([a-z0-9_]+)\.[a-z0-9_]+\.([a-z0-9_]+)\}/g)) {
    const schema = found[`data.${type}`];
    if (schema && !schema.computed.has(attribute) && !(attribute in schema.attributes)) {
      errors.push(`data.${type}: no attribute '${attribute}' to refer to`);
    }
  }
  process.stdout.write(JSON.stringify({ providers, checked, errors }));
}, error => { process.stderr.write(String(error) + "\n"); process.exit(1); });
