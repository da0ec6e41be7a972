// Validates PrometheusRule / AlertmanagerConfig objects (a JSON array on stdin) against prometheus-operator's own
// CRD schemas, as shipped in @kubernetes-models/prometheus-operator (models generated from the upstream CRDs).
// Prints "ok KIND/NAME" or "FAIL KIND/NAME: reason" per object; exits 1 if any failed.
// Modules come from tools/node_modules (bash eng/install-tools.sh) or $KUBERNETES_MODELS_MODULES.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.KUBERNETES_MODELS_MODULES ?? resolve(here, "../../../tools/node_modules");
const load = async (path, name) => (await import(pathToFileURL(resolve(modules, "@kubernetes-models/prometheus-operator", path)).href))[name];

const kinds = {
  "monitoring.coreos.com/v1/PrometheusRule": await load("monitoring.coreos.com/v1/PrometheusRule.js", "PrometheusRule"),
  "monitoring.coreos.com/v1alpha1/AlertmanagerConfig": await load("monitoring.coreos.com/v1alpha1/AlertmanagerConfig.js", "AlertmanagerConfig"),
};

const objects = JSON.parse(readFileSync(0, "utf8"));
let failed = 0;
for (const object of objects) {
  const id = `${object.kind}/${object.metadata?.name}`;
  const Model = kinds[`${object.apiVersion}/${object.kind}`];
  if (!Model) {
    console.log(`FAIL ${id}: no prometheus-operator model for ${object.apiVersion} ${object.kind}`);
    failed++;
    continue;
  }
  try {
    new Model(object).validate();
    console.log(`ok ${id}`);
  } catch (error) {
    console.log(`FAIL ${id}: ${error.message}`);
    failed++;
  }
}
console.log(`validated ${objects.length} objects, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
