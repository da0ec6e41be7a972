'use strict';
// Amazon Connect happy paths and main errors, two Regions side by side.
const { sdk, check, expectError, assert, assertEqual, poll } = require('./harness');
const { credentials } = require('./harness');
const C = sdk('@aws-sdk/client-connect');

const primaryRegion = 'us-east-1';
const replicaRegion = 'us-west-2';

function client(endpoint, region) {
  return new C.ConnectClient({ endpoint, region, credentials, maxAttempts: 1 });
}

async function run(endpoint) {
  const east = client(endpoint, primaryRegion);
  const west = client(endpoint, replicaRegion);
  const s = {};

  // ---- instances ----
  await check('CreateInstance', async () => {
    const out = await east.send(new C.CreateInstanceCommand({
      ClientToken: 'conformance-token-1', IdentityManagementType: 'SAML', InstanceAlias: `conf-${Date.now()}`,
      InboundCallsEnabled: true, OutboundCallsEnabled: true, Tags: { team: 'contact' },
    }));
    assert(out.Id && out.Arn.startsWith(`arn:aws:connect:${primaryRegion}:123456789012:instance/${out.Id}`), `bad ids ${JSON.stringify(out)}`);
    s.instanceId = out.Id;
    s.instanceArn = out.Arn;
  });
  await check('CreateInstance is idempotent on ClientToken', async () => {
    const out = await east.send(new C.CreateInstanceCommand({
      ClientToken: 'conformance-token-1', IdentityManagementType: 'SAML', InstanceAlias: 'ignored-on-retry',
      InboundCallsEnabled: true, OutboundCallsEnabled: true,
    }));
    assertEqual(out.Id, s.instanceId, 'instance id on retry');
  });
  await check('DescribeInstance CREATION_IN_PROGRESS -> ACTIVE', async () => {
    const first = await east.send(new C.DescribeInstanceCommand({ InstanceId: s.instanceId }));
    assert(['CREATION_IN_PROGRESS', 'ACTIVE'].includes(first.Instance.InstanceStatus), first.Instance.InstanceStatus);
    assert(first.Instance.CreatedTime instanceof Date, 'CreatedTime must parse as a Date');
    assertEqual(first.Instance.Tags, { team: 'contact' }, 'tags');
    await poll('instance ACTIVE', async () =>
      (await east.send(new C.DescribeInstanceCommand({ InstanceId: s.instanceId }))).Instance.InstanceStatus === 'ACTIVE');
  });
  await check('ListInstances (per Region)', async () => {
    const out = await east.send(new C.ListInstancesCommand({}));
    assert(out.InstanceSummaryList.some((i) => i.Id === s.instanceId), 'instance listed in its Region');
    const other = await west.send(new C.ListInstancesCommand({}));
    assert(!other.InstanceSummaryList.some((i) => i.Id === s.instanceId), 'instance must not appear in another Region');
  });
  await expectError('DescribeInstance unknown id', () => east.send(new C.DescribeInstanceCommand({ InstanceId: '00000000-0000-0000-0000-000000000000' })), 'ResourceNotFoundException', 404);
  await expectError('DescribeInstance in the wrong Region', () => west.send(new C.DescribeInstanceCommand({ InstanceId: s.instanceId })), 'ResourceNotFoundException', 404);
  await expectError('CreateInstance missing IdentityManagementType', () => east.send(new C.CreateInstanceCommand({ InboundCallsEnabled: true, OutboundCallsEnabled: true })), 'InvalidRequestException', 400);

  // ---- hours of operation ----
  const week = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((Day) => ({ Day, StartTime: { Hours: 8, Minutes: 0 }, EndTime: { Hours: 17, Minutes: 30 } }));
  await check('CreateHoursOfOperation', async () => {
    const out = await east.send(new C.CreateHoursOfOperationCommand({ InstanceId: s.instanceId, Name: 'Office', TimeZone: 'UTC', Config: week, Tags: { a: 'b' } }));
    assert(out.HoursOfOperationArn === `${s.instanceArn}/operating-hours/${out.HoursOfOperationId}`, out.HoursOfOperationArn);
    s.hoursId = out.HoursOfOperationId;
  });
  await check('DescribeHoursOfOperation', async () => {
    const out = await east.send(new C.DescribeHoursOfOperationCommand({ InstanceId: s.instanceId, HoursOfOperationId: s.hoursId }));
    assertEqual(out.HoursOfOperation.Name, 'Office', 'name');
    assertEqual(out.HoursOfOperation.Config.length, 5, 'config entries');
    assert(out.HoursOfOperation.LastModifiedTime instanceof Date, 'LastModifiedTime');
  });
  await check('UpdateHoursOfOperation', async () => {
    await east.send(new C.UpdateHoursOfOperationCommand({ InstanceId: s.instanceId, HoursOfOperationId: s.hoursId, Description: 'weekdays' }));
    const out = await east.send(new C.DescribeHoursOfOperationCommand({ InstanceId: s.instanceId, HoursOfOperationId: s.hoursId }));
    assertEqual(out.HoursOfOperation.Description, 'weekdays', 'description');
  });
  await check('ListHoursOfOperations includes Basic Hours', async () => {
    const out = await east.send(new C.ListHoursOfOperationsCommand({ InstanceId: s.instanceId }));
    const names = out.HoursOfOperationSummaryList.map((h) => h.Name);
    assert(names.includes('Office') && names.includes('Basic Hours'), names.join(','));
  });
  await expectError('CreateHoursOfOperation duplicate name', () => east.send(new C.CreateHoursOfOperationCommand({ InstanceId: s.instanceId, Name: 'Office', TimeZone: 'UTC', Config: week })), 'DuplicateResourceException', 409);
  await expectError('CreateHoursOfOperation missing TimeZone', () => east.send(new C.CreateHoursOfOperationCommand({ InstanceId: s.instanceId, Name: 'NoZone', Config: week })), 'InvalidParameterException', 400);

  // ---- queues ----
  await check('CreateQueue', async () => {
    const out = await east.send(new C.CreateQueueCommand({ InstanceId: s.instanceId, Name: 'Sales', Description: 'sales', HoursOfOperationId: s.hoursId, MaxContacts: 10, Tags: { q: '1' } }));
    assertEqual(out.QueueArn, `${s.instanceArn}/queue/${out.QueueId}`, 'queue arn');
    s.queueId = out.QueueId;
    s.queueArn = out.QueueArn;
  });
  await check('DescribeQueue', async () => {
    const q = (await east.send(new C.DescribeQueueCommand({ InstanceId: s.instanceId, QueueId: s.queueId }))).Queue;
    assertEqual([q.Name, q.MaxContacts, q.Status, q.HoursOfOperationId], ['Sales', 10, 'ENABLED', s.hoursId], 'queue');
    assertEqual(q.LastModifiedRegion, primaryRegion, 'LastModifiedRegion');
  });
  await check('UpdateQueueName/HoursOfOperation/MaxContacts/OutboundCallerConfig/Status', async () => {
    await east.send(new C.UpdateQueueNameCommand({ InstanceId: s.instanceId, QueueId: s.queueId, Name: 'Sales EU', Description: 'renamed' }));
    await east.send(new C.UpdateQueueHoursOfOperationCommand({ InstanceId: s.instanceId, QueueId: s.queueId, HoursOfOperationId: s.hoursId }));
    await east.send(new C.UpdateQueueMaxContactsCommand({ InstanceId: s.instanceId, QueueId: s.queueId, MaxContacts: 25 }));
    await east.send(new C.UpdateQueueOutboundCallerConfigCommand({ InstanceId: s.instanceId, QueueId: s.queueId, OutboundCallerConfig: { OutboundCallerIdName: 'ACME' } }));
    await east.send(new C.UpdateQueueStatusCommand({ InstanceId: s.instanceId, QueueId: s.queueId, Status: 'DISABLED' }));
    const q = (await east.send(new C.DescribeQueueCommand({ InstanceId: s.instanceId, QueueId: s.queueArn }))).Queue;
    assertEqual([q.Name, q.Description, q.MaxContacts, q.Status, q.OutboundCallerConfig.OutboundCallerIdName], ['Sales EU', 'renamed', 25, 'DISABLED', 'ACME'], 'updated queue');
  });
  await check('ListQueues with QueueTypes', async () => {
    const out = await east.send(new C.ListQueuesCommand({ InstanceId: s.instanceId, QueueTypes: ['STANDARD'] }));
    const names = out.QueueSummaryList.map((q) => q.Name);
    assert(names.includes('Sales EU') && names.includes('BasicQueue'), names.join(','));
  });
  await check('ListQueues paginates', async () => {
    const first = await east.send(new C.ListQueuesCommand({ InstanceId: s.instanceId, MaxResults: 1 }));
    assert(first.QueueSummaryList.length === 1 && first.NextToken, 'first page');
    const second = await east.send(new C.ListQueuesCommand({ InstanceId: s.instanceId, MaxResults: 1, NextToken: first.NextToken }));
    assert(second.QueueSummaryList.length === 1 && second.QueueSummaryList[0].Id !== first.QueueSummaryList[0].Id, 'second page');
  });
  await expectError('CreateQueue duplicate name', () => east.send(new C.CreateQueueCommand({ InstanceId: s.instanceId, Name: 'Sales EU', HoursOfOperationId: s.hoursId })), 'DuplicateResourceException', 409);
  await expectError('CreateQueue unknown hours', () => east.send(new C.CreateQueueCommand({ InstanceId: s.instanceId, Name: 'X', HoursOfOperationId: '11111111-1111-1111-1111-111111111111' })), 'ResourceNotFoundException', 404);
  await expectError('CreateQueue missing HoursOfOperationId', () => east.send(new C.CreateQueueCommand({ InstanceId: s.instanceId, Name: 'X' })), 'InvalidParameterException', 400);
  await expectError('UpdateQueueStatus bad enum', () => east.send(new C.UpdateQueueStatusCommand({ InstanceId: s.instanceId, QueueId: s.queueId, Status: 'PAUSED' })), 'InvalidParameterException', 400);
  await expectError('DeleteHoursOfOperation in use', () => east.send(new C.DeleteHoursOfOperationCommand({ InstanceId: s.instanceId, HoursOfOperationId: s.hoursId })), 'InvalidRequestException', 400);

  await require('./connect-more').run(endpoint, { east, west, s, C, primaryRegion, replicaRegion });
}

module.exports = { run };
