'use strict';
// Conformance of the AWS emulator against the official AWS JavaScript SDK v3.
// Usage: node conformance.js <emulator endpoint, e.g. http://127.0.0.1:5000/>
// Modules come from <repo>/tools/node_modules (bash eng/install-tools.sh) or $AWS_SDK_JS_MODULES.
// Prints one line per check and "conformance: N passed, M failed"; exits non-zero on any failure.
const { finish, admin } = require('./harness');

const endpoint = process.argv[2] || process.env.AWS_EMULATOR_ENDPOINT;
if (!endpoint) {
  console.error('usage: node conformance.js <emulator endpoint>');
  process.exit(2);
}

(async () => {
  // Rate limits are exercised by a dedicated check; the happy paths run without them.
  await admin(endpoint, 'PUT', 'quotas', { enforce: false });
  await require('./connect').run(endpoint);
  await require('./arc').run(endpoint);
  await require('./protocol').run(endpoint);
  finish();
})().catch((e) => {
  console.error(`FATAL ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
