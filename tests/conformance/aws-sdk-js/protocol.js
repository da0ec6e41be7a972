'use strict';
// Wire-level behaviour shared by all operations: SigV4 scope errors, throttling, injected faults, quotas.
const { sdk, check, expectError, assert, assertEqual, admin, credentials } = require('./harness');
const C = sdk('@aws-sdk/client-connect');

async function run(endpoint) {
  const connect = (region) => new C.ConnectClient({ endpoint, region, credentials, maxAttempts: 1 });

  await check('missing Authorization -> 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(new URL('instance', endpoint));
    assertEqual(res.status, 403, 'status');
    assert((res.headers.get('x-amzn-errortype') || '').startsWith('MissingAuthenticationTokenException'), res.headers.get('x-amzn-errortype'));
    assertEqual((await res.json()).message, 'Missing Authentication Token', 'message');
  });
  await check('malformed Authorization -> 400 IncompleteSignatureException', async () => {
    const res = await fetch(new URL('instance', endpoint), { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1, Signature=x' } });
    assertEqual(res.status, 400, 'status');
    assert((res.headers.get('x-amzn-errortype') || '').startsWith('IncompleteSignatureException'), res.headers.get('x-amzn-errortype'));
  });
  await check('json 1.0 error body carries __type', async () => {
    const res = await fetch(new URL('', endpoint), { method: 'POST', headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/route53-recovery-cluster/aws4_request, SignedHeaders=host, Signature=x',
      'x-amz-target': 'ToggleCustomerAPI.GetRoutingControlState', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    assertEqual(res.status, 400, 'status');
    assertEqual((await res.json()).__type, 'com.amazonaws.route53recoverycluster#ValidationException', '__type');
  });
  await expectError('injected InternalServiceException', async () => {
    await admin(endpoint, 'POST', 'faults', { service: 'connect', operation: 'ListInstances', errorCode: 'InternalServiceException', count: 1 });
    return connect('eu-central-1').send(new C.ListInstancesCommand({}));
  }, 'InternalServiceException', 500);
  await check('fault with count 1 fires once', async () => {
    await connect('eu-central-1').send(new C.ListInstancesCommand({}));
  });
  await expectError('ServiceQuotaExceededException past 2 instances per Region', async () => {
    const region = 'ap-northeast-1';
    for (let i = 0; i < 2; i++) {
      await connect(region).send(new C.CreateInstanceCommand({ IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: `quota-${i}-${Date.now()}`, InboundCallsEnabled: true, OutboundCallsEnabled: false }));
    }
    return connect(region).send(new C.CreateInstanceCommand({ IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: `quota-x-${Date.now()}`, InboundCallsEnabled: true, OutboundCallsEnabled: false }));
  }, 'ServiceQuotaExceededException', 402);
  await check('ThrottlingException (429) past the ListInstances burst, per Region', async () => {
    await admin(endpoint, 'PUT', 'quotas', { enforce: true });
    try {
      let throttled;
      for (let i = 0; i < 8 && !throttled; i++) {
        try { await connect('eu-west-2').send(new C.ListInstancesCommand({})); } catch (e) { throttled = e; }
      }
      assert(throttled, 'no call was throttled');
      assertEqual([throttled.name, throttled.$metadata.httpStatusCode], ['ThrottlingException', 429], 'throttle error');
      await connect('eu-central-1').send(new C.ListInstancesCommand({}));
    } finally {
      await admin(endpoint, 'PUT', 'quotas', { enforce: false });
    }
  });
  await check('request log and counters over the admin API', async () => {
    const counters = await admin(endpoint, 'GET', 'counters');
    assert(counters['connect/CreateQueue'] > 0, JSON.stringify(counters).slice(0, 200));
    const log = await admin(endpoint, 'GET', 'requests');
    assert(log.some((e) => e.operation === 'ListInstances' && e.errorCode === 'ThrottlingException' && e.statusCode === 429), 'throttle logged');
  });
}

module.exports = { run };
