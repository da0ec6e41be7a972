'use strict';
// Connect: routing profiles, tags, instance settings, Global Resiliency and metrics.
const { check, expectError, assert, assertEqual, poll, admin } = require('./harness');

async function run(endpoint, { east, west, s, C, primaryRegion, replicaRegion }) {
  // ---- routing profiles ----
  await check('CreateRoutingProfile', async () => {
    const out = await east.send(new C.CreateRoutingProfileCommand({
      InstanceId: s.instanceId, Name: 'Agents', Description: 'front line', DefaultOutboundQueueId: s.queueId,
      MediaConcurrencies: [{ Channel: 'VOICE', Concurrency: 1 }, { Channel: 'CHAT', Concurrency: 3, CrossChannelBehavior: { BehaviorType: 'ROUTE_ANY_CHANNEL' } }],
      QueueConfigs: [{ QueueReference: { QueueId: s.queueId, Channel: 'VOICE' }, Priority: 1, Delay: 0 }],
      AgentAvailabilityTimer: 'TIME_SINCE_LAST_INBOUND', Tags: { rp: 'x' },
    }));
    assertEqual(out.RoutingProfileArn, `${s.instanceArn}/routing-profile/${out.RoutingProfileId}`, 'routing profile arn');
    s.profileId = out.RoutingProfileId;
  });
  await check('DescribeRoutingProfile', async () => {
    const p = (await east.send(new C.DescribeRoutingProfileCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId }))).RoutingProfile;
    assertEqual([p.Name, p.DefaultOutboundQueueId, p.AgentAvailabilityTimer, p.NumberOfAssociatedQueues, p.IsDefault], ['Agents', s.queueId, 'TIME_SINCE_LAST_INBOUND', 1, false], 'profile');
    assertEqual(p.AssociatedQueueIds, undefined, 'AssociatedQueueIds (real DescribeRoutingProfile leaves it out)');
  });
  const extraQueues = [];
  await check('CreateQueue x11 for association batches', async () => {
    for (let i = 0; i < 11; i++) {
      const out = await east.send(new C.CreateQueueCommand({ InstanceId: s.instanceId, Name: `Batch-${i}`, HoursOfOperationId: s.hoursId }));
      extraQueues.push(out.QueueId);
    }
  });
  const configs = (ids, priority = 2) => ids.map((QueueId) => ({ QueueReference: { QueueId, Channel: 'CHAT' }, Priority: priority, Delay: 5 }));
  await expectError('AssociateRoutingProfileQueues with 11 configs', () => east.send(new C.AssociateRoutingProfileQueuesCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, QueueConfigs: configs(extraQueues) })), 'InvalidParameterException', 400);
  await check('AssociateRoutingProfileQueues with 10 configs', async () => {
    await east.send(new C.AssociateRoutingProfileQueuesCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, QueueConfigs: configs(extraQueues.slice(0, 10)) }));
  });
  await check('UpdateRoutingProfileQueues', async () => {
    await east.send(new C.UpdateRoutingProfileQueuesCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, QueueConfigs: configs(extraQueues.slice(0, 2), 7) }));
  });
  await expectError('UpdateRoutingProfileQueues for a queue not associated', () => east.send(new C.UpdateRoutingProfileQueuesCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, QueueConfigs: configs(extraQueues.slice(10, 11)) })), 'InvalidRequestException', 400);
  await expectError('AssociateRoutingProfileQueues twice', () => east.send(new C.AssociateRoutingProfileQueuesCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, QueueConfigs: configs(extraQueues.slice(0, 1)) })), 'InvalidRequestException', 400);
  await check('ListRoutingProfileQueues paginates', async () => {
    const all = [];
    let token;
    do {
      const out = await east.send(new C.ListRoutingProfileQueuesCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, MaxResults: 4, NextToken: token }));
      all.push(...out.RoutingProfileQueueConfigSummaryList);
      token = out.NextToken;
    } while (token);
    assertEqual(all.length, 11, 'associations');
    const updated = all.find((q) => q.QueueId === extraQueues[0]);
    assertEqual([updated.Priority, updated.Delay, updated.Channel, updated.QueueName], [7, 5, 'CHAT', 'Batch-0'], 'updated association');
  });
  await check('SDK paginators: paginateListQueues / paginateListRoutingProfileQueues', async () => {
    const names = [];
    for await (const page of C.paginateListQueues({ client: east, pageSize: 3 }, { InstanceId: s.instanceId })) names.push(...page.QueueSummaryList.map((q) => q.Name));
    assertEqual(new Set(names).size, names.length, 'no duplicates across pages');
    assert(names.length >= 13, `all queues across pages (${names.length})`);
    let pairs = 0;
    for await (const page of C.paginateListRoutingProfileQueues({ client: east, pageSize: 2 }, { InstanceId: s.instanceId, RoutingProfileId: s.profileId })) pairs += page.RoutingProfileQueueConfigSummaryList.length;
    assertEqual(pairs, 11, 'associations across pages');
  });
  await check('DisassociateRoutingProfileQueues', async () => {
    await east.send(new C.DisassociateRoutingProfileQueuesCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, QueueReferences: [{ QueueId: extraQueues[0], Channel: 'CHAT' }] }));
    const p = (await east.send(new C.DescribeRoutingProfileCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId }))).RoutingProfile;
    assertEqual(p.NumberOfAssociatedQueues, 10, 'queues after disassociate');
  });
  await check('UpdateRoutingProfileName/Concurrency/DefaultOutboundQueue/AgentAvailabilityTimer', async () => {
    await east.send(new C.UpdateRoutingProfileNameCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, Name: 'Agents 2' }));
    await east.send(new C.UpdateRoutingProfileConcurrencyCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, MediaConcurrencies: [{ Channel: 'TASK', Concurrency: 5 }] }));
    await east.send(new C.UpdateRoutingProfileDefaultOutboundQueueCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, DefaultOutboundQueueId: extraQueues[1] }));
    await east.send(new C.UpdateRoutingProfileAgentAvailabilityTimerCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, AgentAvailabilityTimer: 'TIME_SINCE_LAST_ACTIVITY' }));
    const p = (await east.send(new C.DescribeRoutingProfileCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId }))).RoutingProfile;
    assertEqual([p.Name, p.DefaultOutboundQueueId, p.AgentAvailabilityTimer], ['Agents 2', extraQueues[1], 'TIME_SINCE_LAST_ACTIVITY'], 'updated profile');
    assertEqual(p.MediaConcurrencies.map((m) => `${m.Channel}:${m.Concurrency}`).sort(), ['CHAT:3', 'TASK:5', 'VOICE:1'], 'concurrencies');
  });
  await check('ListRoutingProfiles', async () => {
    const out = await east.send(new C.ListRoutingProfilesCommand({ InstanceId: s.instanceId }));
    const names = out.RoutingProfileSummaryList.map((p) => p.Name);
    assert(names.includes('Agents 2') && names.includes('Basic Routing Profile'), names.join(','));
  });
  await expectError('CreateRoutingProfile duplicate name', () => east.send(new C.CreateRoutingProfileCommand({ InstanceId: s.instanceId, Name: 'Agents 2', Description: 'd', DefaultOutboundQueueId: s.queueId, MediaConcurrencies: [{ Channel: 'VOICE', Concurrency: 1 }] })), 'DuplicateResourceException', 409);
  await expectError('UpdateRoutingProfileName to an existing name', () => east.send(new C.UpdateRoutingProfileNameCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId, Name: 'Basic Routing Profile' })), 'DuplicateResourceException', 409);
  await expectError('DeleteQueue used by a routing profile', () => east.send(new C.DeleteQueueCommand({ InstanceId: s.instanceId, QueueId: extraQueues[1] })), 'ResourceInUseException', 409);
  await check('DeleteQueue unused', async () => {
    await east.send(new C.DeleteQueueCommand({ InstanceId: s.instanceId, QueueId: extraQueues[10] }));
  });
  await expectError('DescribeQueue deleted', () => east.send(new C.DescribeQueueCommand({ InstanceId: s.instanceId, QueueId: extraQueues[10] })), 'ResourceNotFoundException', 404);

  // ---- tags ----
  await check('TagResource/ListTagsForResource/UntagResource on a queue', async () => {
    await east.send(new C.TagResourceCommand({ resourceArn: s.queueArn, tags: { env: 'prod', owner: 'ops' } }));
    let out = await east.send(new C.ListTagsForResourceCommand({ resourceArn: s.queueArn }));
    assertEqual(out.tags, { env: 'prod', owner: 'ops', q: '1' }, 'tags after tag');
    await east.send(new C.UntagResourceCommand({ resourceArn: s.queueArn, tagKeys: ['owner', 'q'] }));
    out = await east.send(new C.ListTagsForResourceCommand({ resourceArn: s.queueArn }));
    assertEqual(out.tags, { env: 'prod' }, 'tags after untag');
  });
  await check('TagResource on the instance', async () => {
    await east.send(new C.TagResourceCommand({ resourceArn: s.instanceArn, tags: { cost: 'cc' } }));
    const out = await east.send(new C.ListTagsForResourceCommand({ resourceArn: s.instanceArn }));
    assertEqual(out.tags.cost, 'cc', 'instance tag');
  });
  await expectError('ListTagsForResource unknown ARN', () => east.send(new C.ListTagsForResourceCommand({ resourceArn: `${s.instanceArn}/queue/00000000-0000-0000-0000-000000000000` })), 'ResourceNotFoundException', 404);

  // ---- instance attributes, storage, Lambda, bots ----
  await check('UpdateInstanceAttribute/DescribeInstanceAttribute/ListInstanceAttributes', async () => {
    await east.send(new C.UpdateInstanceAttributeCommand({ InstanceId: s.instanceId, AttributeType: 'CONTACT_LENS', Value: 'true' }));
    const out = await east.send(new C.DescribeInstanceAttributeCommand({ InstanceId: s.instanceId, AttributeType: 'CONTACT_LENS' }));
    assertEqual(out.Attribute, { AttributeType: 'CONTACT_LENS', Value: 'true' }, 'attribute');
    const all = [];
    let token;
    do {
      const page = await east.send(new C.ListInstanceAttributesCommand({ InstanceId: s.instanceId, NextToken: token }));
      all.push(...page.Attributes);
      token = page.NextToken;
    } while (token);
    assert(all.some((a) => a.AttributeType === 'CONTACT_LENS' && a.Value === 'true'), 'listed');
  });
  await expectError('DescribeInstanceAttribute bad type', () => east.send(new C.DescribeInstanceAttributeCommand({ InstanceId: s.instanceId, AttributeType: 'NOPE' })), 'InvalidParameterException', 400);
  await check('Associate/Describe/Update/List/DisassociateInstanceStorageConfig', async () => {
    const out = await east.send(new C.AssociateInstanceStorageConfigCommand({ InstanceId: s.instanceId, ResourceType: 'CALL_RECORDINGS', StorageConfig: { StorageType: 'S3', S3Config: { BucketName: 'rec', BucketPrefix: 'calls' } } }));
    assert(out.AssociationId, 'association id');
    await east.send(new C.UpdateInstanceStorageConfigCommand({ InstanceId: s.instanceId, AssociationId: out.AssociationId, ResourceType: 'CALL_RECORDINGS', StorageConfig: { StorageType: 'S3', S3Config: { BucketName: 'rec2', BucketPrefix: 'calls' } } }));
    const described = await east.send(new C.DescribeInstanceStorageConfigCommand({ InstanceId: s.instanceId, AssociationId: out.AssociationId, ResourceType: 'CALL_RECORDINGS' }));
    assertEqual(described.StorageConfig.S3Config.BucketName, 'rec2', 'bucket');
    const listed = await east.send(new C.ListInstanceStorageConfigsCommand({ InstanceId: s.instanceId, ResourceType: 'CALL_RECORDINGS' }));
    assertEqual(listed.StorageConfigs.map((c) => c.AssociationId), [out.AssociationId], 'listed storage');
    await east.send(new C.DisassociateInstanceStorageConfigCommand({ InstanceId: s.instanceId, AssociationId: out.AssociationId, ResourceType: 'CALL_RECORDINGS' }));
    const after = await east.send(new C.ListInstanceStorageConfigsCommand({ InstanceId: s.instanceId, ResourceType: 'CALL_RECORDINGS' }));
    assertEqual(after.StorageConfigs.length, 0, 'after disassociate');
  });
  await expectError('AssociateInstanceStorageConfig S3 without S3Config', () => east.send(new C.AssociateInstanceStorageConfigCommand({ InstanceId: s.instanceId, ResourceType: 'CHAT_TRANSCRIPTS', StorageConfig: { StorageType: 'S3' } })), 'InvalidParameterException', 400);
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:lookup';
  await check('AssociateLambdaFunction/ListLambdaFunctions/DisassociateLambdaFunction', async () => {
    await east.send(new C.AssociateLambdaFunctionCommand({ InstanceId: s.instanceId, FunctionArn: fn }));
    assertEqual((await east.send(new C.ListLambdaFunctionsCommand({ InstanceId: s.instanceId }))).LambdaFunctions, [fn], 'lambdas');
    await east.send(new C.DisassociateLambdaFunctionCommand({ InstanceId: s.instanceId, FunctionArn: fn }));
    assertEqual((await east.send(new C.ListLambdaFunctionsCommand({ InstanceId: s.instanceId }))).LambdaFunctions, [], 'lambdas after');
  });
  await expectError('DisassociateLambdaFunction not associated', () => east.send(new C.DisassociateLambdaFunctionCommand({ InstanceId: s.instanceId, FunctionArn: fn })), 'ResourceNotFoundException', 404);
  const alias = 'arn:aws:lex:us-east-1:123456789012:bot-alias/BOTID/ALIASID';
  await check('AssociateBot/ListBots/DisassociateBot (Lex V2)', async () => {
    await east.send(new C.AssociateBotCommand({ InstanceId: s.instanceId, LexV2Bot: { AliasArn: alias } }));
    const out = await east.send(new C.ListBotsCommand({ InstanceId: s.instanceId, LexVersion: 'V2' }));
    assertEqual(out.LexBots.map((b) => b.LexV2Bot.AliasArn), [alias], 'bots');
    await east.send(new C.DisassociateBotCommand({ InstanceId: s.instanceId, LexV2Bot: { AliasArn: alias } }));
    assertEqual((await east.send(new C.ListBotsCommand({ InstanceId: s.instanceId, LexVersion: 'V2' }))).LexBots.length, 0, 'bots after');
  });
  await expectError('AssociateLambdaFunction twice', async () => {
    await east.send(new C.AssociateLambdaFunctionCommand({ InstanceId: s.instanceId, FunctionArn: fn }));
    return east.send(new C.AssociateLambdaFunctionCommand({ InstanceId: s.instanceId, FunctionArn: fn }));
  }, 'ResourceConflictException', 409);

  // ---- Global Resiliency ----
  await expectError('ReplicateInstance to an unsupported Region', () => east.send(new C.ReplicateInstanceCommand({ InstanceId: s.instanceId, ReplicaRegion: 'eu-west-1', ReplicaAlias: `r-${Date.now()}` })), 'InvalidRequestException', 400);
  await check('ReplicateInstance', async () => {
    const out = await east.send(new C.ReplicateInstanceCommand({ InstanceId: s.instanceId, ReplicaRegion: replicaRegion, ReplicaAlias: `replica-${Date.now()}`, ClientToken: 'replicate-1' }));
    assert(out.Arn.startsWith(`arn:aws:connect:${replicaRegion}:`), out.Arn);
    s.replicaId = out.Id;
    await poll('replica ACTIVE', async () => (await west.send(new C.DescribeInstanceCommand({ InstanceId: s.replicaId }))).Instance.InstanceStatus === 'ACTIVE');
    const primary = await east.send(new C.DescribeInstanceCommand({ InstanceId: s.instanceId }));
    assertEqual(primary.ReplicationConfiguration.ReplicationStatusSummaryList, [{ Region: replicaRegion, ReplicationStatus: 'INSTANCE_REPLICATION_COMPLETE' }], 'replication status');
  });
  await check('Replica shares configuration (same queue id in the other Region)', async () => {
    const q = (await west.send(new C.DescribeQueueCommand({ InstanceId: s.replicaId, QueueId: s.queueId }))).Queue;
    assertEqual(q.Name, 'Sales EU', 'replicated queue');
    assert(q.QueueArn.includes(`:${replicaRegion}:`) && q.QueueArn.includes(s.replicaId), q.QueueArn);
  });
  await check('Default traffic distribution group exists and becomes ACTIVE', async () => {
    const out = await east.send(new C.ListTrafficDistributionGroupsCommand({ InstanceId: s.instanceId }));
    const def = out.TrafficDistributionGroupSummaryList.find((g) => g.IsDefault);
    assert(def, 'default TDG listed');
    s.defaultTdgId = def.Id;
    s.defaultTdgArn = def.Arn;
    await poll('default TDG ACTIVE', async () => (await east.send(new C.DescribeTrafficDistributionGroupCommand({ TrafficDistributionGroupId: def.Id }))).TrafficDistributionGroup.Status === 'ACTIVE');
  });
  await check('CreateTrafficDistributionGroup -> ACTIVE', async () => {
    const out = await east.send(new C.CreateTrafficDistributionGroupCommand({ Name: 'dr-group', Description: 'dr', InstanceId: s.instanceArn, ClientToken: 'tdg-1', Tags: { t: 'g' } }));
    s.tdgId = out.Id;
    s.tdgArn = out.Arn;
    const first = (await east.send(new C.DescribeTrafficDistributionGroupCommand({ TrafficDistributionGroupId: out.Id }))).TrafficDistributionGroup;
    assertEqual([first.Name, first.InstanceArn, first.IsDefault], ['dr-group', s.instanceArn, false], 'tdg');
    await poll('TDG ACTIVE', async () => (await east.send(new C.DescribeTrafficDistributionGroupCommand({ TrafficDistributionGroupId: out.Id }))).TrafficDistributionGroup.Status === 'ACTIVE');
  });
  const dist = (a, b) => ({ Distributions: [{ Region: primaryRegion, Percentage: a }, { Region: replicaRegion, Percentage: b }] });
  await check('UpdateTrafficDistribution/GetTrafficDistribution', async () => {
    await east.send(new C.UpdateTrafficDistributionCommand({ Id: s.tdgId, TelephonyConfig: dist(30, 70), AgentConfig: dist(40, 60) }));
    const out = await east.send(new C.GetTrafficDistributionCommand({ Id: s.tdgId }));
    assertEqual(out.TelephonyConfig.Distributions, dist(30, 70).Distributions, 'telephony');
    assertEqual(out.AgentConfig.Distributions, dist(40, 60).Distributions, 'agents');
  });
  await check('UpdateTrafficDistribution from the replica Region with the ARN', async () => {
    await west.send(new C.UpdateTrafficDistributionCommand({ Id: s.tdgArn, TelephonyConfig: dist(0, 100) }));
    const out = await west.send(new C.GetTrafficDistributionCommand({ Id: s.tdgArn }));
    assertEqual(out.TelephonyConfig.Distributions, dist(0, 100).Distributions, 'telephony from replica');
  });
  await check('SignInConfig on the default group', async () => {
    await east.send(new C.UpdateTrafficDistributionCommand({ Id: s.defaultTdgId, SignInConfig: { Distributions: [{ Region: primaryRegion, Enabled: true }, { Region: replicaRegion, Enabled: false }] } }));
    const out = await east.send(new C.GetTrafficDistributionCommand({ Id: s.defaultTdgId }));
    assertEqual(out.SignInConfig.Distributions, [{ Region: primaryRegion, Enabled: true }, { Region: replicaRegion, Enabled: false }], 'sign-in');
  });
  await expectError('UpdateTrafficDistribution 25/75 (not 10% steps)', () => east.send(new C.UpdateTrafficDistributionCommand({ Id: s.tdgId, TelephonyConfig: dist(25, 75) })), 'InvalidRequestException', 400);
  await expectError('UpdateTrafficDistribution 50/40 (sum 90)', () => east.send(new C.UpdateTrafficDistributionCommand({ Id: s.tdgId, TelephonyConfig: dist(50, 40) })), 'InvalidRequestException', 400);
  await expectError('UpdateTrafficDistribution one Region only', () => east.send(new C.UpdateTrafficDistributionCommand({ Id: s.tdgId, TelephonyConfig: { Distributions: [{ Region: primaryRegion, Percentage: 100 }] } })), 'InvalidRequestException', 400);
  await expectError('UpdateTrafficDistribution SignInConfig on a non-default group', () => east.send(new C.UpdateTrafficDistributionCommand({ Id: s.tdgId, SignInConfig: { Distributions: [{ Region: primaryRegion, Enabled: true }, { Region: replicaRegion, Enabled: true }] } })), 'InvalidRequestException', 400);
  await expectError('GetTrafficDistribution by id from the other Region', () => west.send(new C.GetTrafficDistributionCommand({ Id: s.tdgId })), 'ResourceNotFoundException', 404);
  await expectError('CreateTrafficDistributionGroup duplicate name', () => east.send(new C.CreateTrafficDistributionGroupCommand({ Name: 'dr-group', InstanceId: s.instanceId })), 'ResourceConflictException', 409);
  await expectError('DeleteTrafficDistributionGroup default', () => east.send(new C.DeleteTrafficDistributionGroupCommand({ TrafficDistributionGroupId: s.defaultTdgId })), 'InvalidRequestException', 400);
  await check('DeleteTrafficDistributionGroup', async () => {
    await east.send(new C.DeleteTrafficDistributionGroupCommand({ TrafficDistributionGroupId: s.tdgId }));
    const out = await east.send(new C.ListTrafficDistributionGroupsCommand({}));
    assert(!out.TrafficDistributionGroupSummaryList.some((g) => g.Id === s.tdgId), 'deleted TDG not listed');
  });

  // ---- metrics from the load model ----
  await check('GetCurrentMetricData from the load model', async () => {
    await admin(endpoint, 'PUT', `connect/load/${primaryRegion}/${s.instanceId}/${s.queueId}`, { ContactsInQueue: 7, OldestContactAgeSeconds: 42, AgentsOnline: 5, AgentsAvailable: 2 });
    const out = await east.send(new C.GetCurrentMetricDataCommand({
      InstanceId: s.instanceId, Filters: { Queues: [s.queueId], Channels: ['VOICE'] }, Groupings: ['QUEUE'],
      CurrentMetrics: [{ Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT' }, { Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS' }, { Name: 'AGENTS_ONLINE', Unit: 'COUNT' }, { Name: 'AGENTS_AVAILABLE', Unit: 'COUNT' }],
    }));
    assertEqual(out.MetricResults.length, 1, 'one result per queue');
    assertEqual(out.MetricResults[0].Dimensions.Queue.Id, s.queueId, 'queue dimension');
    assertEqual(out.MetricResults[0].Collections.map((c) => [c.Metric.Name, c.Value]), [['CONTACTS_IN_QUEUE', 7], ['OLDEST_CONTACT_AGE', 42], ['AGENTS_ONLINE', 5], ['AGENTS_AVAILABLE', 2]], 'values');
    assert(out.DataSnapshotTime instanceof Date, 'DataSnapshotTime');
  });
  await check('GetCurrentMetricData without grouping reports OLDEST_CONTACT_AGE in ms', async () => {
    const out = await east.send(new C.GetCurrentMetricDataCommand({ InstanceId: s.instanceId, Filters: { Queues: [s.queueId] }, CurrentMetrics: [{ Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS' }] }));
    assertEqual(out.MetricResults[0].Collections[0].Value, 42000, 'aggregated oldest age');
  });
  await expectError('GetCurrentMetricData wrong unit', () => east.send(new C.GetCurrentMetricDataCommand({ InstanceId: s.instanceId, Filters: { Queues: [s.queueId] }, CurrentMetrics: [{ Name: 'CONTACTS_IN_QUEUE', Unit: 'SECONDS' }] })), 'InvalidParameterException', 400);
  await check('GetMetricDataV2 from the load model', async () => {
    await admin(endpoint, 'PUT', `connect/load/${primaryRegion}/${s.instanceId}/${s.queueId}`, { Historical: { ABANDONMENT_RATE: 12.5, CONTACTS_HANDLED: 40 } });
    const now = Date.now();
    const out = await east.send(new C.GetMetricDataV2Command({
      ResourceArn: s.instanceArn, StartTime: new Date(now - 3600e3), EndTime: new Date(now - 60e3),
      Filters: [{ FilterKey: 'QUEUE', FilterValues: [s.queueId] }], Groupings: ['QUEUE'],
      Metrics: [{ Name: 'ABANDONMENT_RATE' }, { Name: 'CONTACTS_HANDLED' }],
    }));
    assertEqual(out.MetricResults[0].Dimensions.QUEUE, s.queueId, 'dimension');
    assertEqual(out.MetricResults[0].Collections.map((c) => [c.Metric.Name, c.Value]), [['ABANDONMENT_RATE', 12.5], ['CONTACTS_HANDLED', 40]], 'values');
  });
  await expectError('GetMetricDataV2 EndTime before StartTime', () => east.send(new C.GetMetricDataV2Command({ ResourceArn: s.instanceArn, StartTime: new Date(Date.now() - 60e3), EndTime: new Date(Date.now() - 3600e3), Filters: [{ FilterKey: 'QUEUE', FilterValues: [s.queueId] }], Metrics: [{ Name: 'CONTACTS_HANDLED' }] })), 'InvalidParameterException', 400);

  // ---- deletes ----
  await check('DeleteRoutingProfile/DeleteQueue/DeleteHoursOfOperation', async () => {
    await east.send(new C.DeleteRoutingProfileCommand({ InstanceId: s.instanceId, RoutingProfileId: s.profileId }));
    await east.send(new C.DeleteQueueCommand({ InstanceId: s.instanceId, QueueId: extraQueues[2] }));
    const h = await east.send(new C.CreateHoursOfOperationCommand({ InstanceId: s.instanceId, Name: 'Temp', TimeZone: 'UTC', Config: [] }));
    await east.send(new C.DeleteHoursOfOperationCommand({ InstanceId: s.instanceId, HoursOfOperationId: h.HoursOfOperationId }));
  });
  await expectError('DeleteRoutingProfile default', async () => {
    const list = await east.send(new C.ListRoutingProfilesCommand({ InstanceId: s.instanceId }));
    const basic = list.RoutingProfileSummaryList.find((p) => p.Name === 'Basic Routing Profile');
    return east.send(new C.DeleteRoutingProfileCommand({ InstanceId: s.instanceId, RoutingProfileId: basic.Id }));
  }, 'ResourceInUseException', 409);
  await expectError('DeleteInstance with a replica', () => east.send(new C.DeleteInstanceCommand({ InstanceId: s.instanceId })), 'InvalidRequestException', 400);
  await check('DeleteInstance replica then primary', async () => {
    await west.send(new C.DeleteInstanceCommand({ InstanceId: s.replicaId }));
    await east.send(new C.DeleteInstanceCommand({ InstanceId: s.instanceId }));
  });
  await expectError('DescribeInstance deleted', () => east.send(new C.DescribeInstanceCommand({ InstanceId: s.instanceId })), 'ResourceNotFoundException', 404);
}

module.exports = { run };
