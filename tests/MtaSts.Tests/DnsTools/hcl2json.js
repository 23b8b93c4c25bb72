// Reads a Terraform file with HashiCorp's HCL parser (@cdktf/hcl2json, installed by build/npm-tools.sh) and prints it
// as Terraform's JSON syntax. Usage: node hcl2json.js <node_modules> <file.tf>. A syntax error exits non-zero.
const [modules, file] = process.argv.slice(2);
const { parse } = require(require("path").join(modules, "@cdktf", "hcl2json"));
const text = require("fs").readFileSync(file, "utf8");
parse(file, text).then(
  json => process.stdout.write(JSON.stringify(json)),
  error => { process.stderr.write(String(error) + "\n"); process.exit(1); });
