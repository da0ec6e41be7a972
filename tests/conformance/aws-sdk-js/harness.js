'use strict';
// Tiny check harness for the conformance scripts: named checks, expected AWS error names, one summary line.
const path = require('path');

const modulesDir = process.env.AWS_SDK_JS_MODULES || path.resolve(__dirname, '../../../tools/node_modules');

function sdk(name) {
  try {
    return require(path.join(modulesDir, name));
  } catch (e) {
    console.error(`FATAL cannot load ${name} from ${modulesDir} (run: bash eng/install-tools.sh): ${e.message}`);
    process.exit(2);
  }
}

const results = { passed: 0, failed: 0 };

async function check(name, fn) {
  try {
    await fn();
    results.passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    results.failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
  }
}

async function expectError(name, promiseFactory, expectedName, expectedStatus) {
  await check(`${name} -> ${expectedName}`, async () => {
    let result;
    try {
      result = await promiseFactory();
    } catch (e) {
      if (e.name !== expectedName) {
        throw new Error(`expected ${expectedName}, SDK raised ${e.name} (${e.$metadata && e.$metadata.httpStatusCode}): ${e.message}`);
      }
      if (expectedStatus && e.$metadata.httpStatusCode !== expectedStatus) {
        throw new Error(`expected HTTP ${expectedStatus}, got ${e.$metadata.httpStatusCode}`);
      }
      if (!e.message || e.message === 'UnknownError') {
        throw new Error(`error message was not parsed: '${e.message}'`);
      }
      return;
    }
    throw new Error(`expected ${expectedName}, call succeeded: ${JSON.stringify(result).slice(0, 200)}`);
  });
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function poll(what, fn, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function admin(endpoint, method, path, body) {
  const res = await fetch(new URL(`_emulator/${path}`, endpoint), {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function finish() {
  console.log(`conformance: ${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
}

const credentials = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' };

module.exports = { sdk, check, expectError, assert, assertEqual, poll, admin, finish, credentials };
