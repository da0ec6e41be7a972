'use strict';
// Route 53 ARC: control configuration (rest-json) and the cluster data plane (awsJson1_0) on the five endpoints.
const { sdk, check, expectError, assert, assertEqual, admin, credentials } = require('./harness');
const CC = sdk('@aws-sdk/client-route53-recovery-control-config');
const RC = sdk('@aws-sdk/client-route53-recovery-cluster');

async function run(endpoint) {
  const config = new CC.Route53RecoveryControlConfigClient({ endpoint, region: 'us-west-2', credentials, maxAttempts: 1 });
  const s = {};
  const dataPlane = (i) => new RC.Route53RecoveryClusterClient({ endpoint: s.endpoints[i].Endpoint, region: s.endpoints[i].Region, credentials, maxAttempts: 1 });

  await check('CreateCluster (five endpoints)', async () => {
    const out = await config.send(new CC.CreateClusterCommand({ ClusterName: 'dr-cluster', ClientToken: 'cluster-1', Tags: { k: 'v' } }));
    assert(out.Cluster.ClusterArn.startsWith('arn:aws:route53-recovery-control::123456789012:cluster/'), out.Cluster.ClusterArn);
    assertEqual(out.Cluster.ClusterEndpoints.length, 5, 'endpoint count');
    assertEqual(new Set(out.Cluster.ClusterEndpoints.map((e) => e.Endpoint)).size, 5, 'distinct endpoints');
    s.clusterArn = out.Cluster.ClusterArn;
    s.endpoints = out.Cluster.ClusterEndpoints;
  });
  await check('DescribeCluster DEPLOYED / ListClusters', async () => {
    const out = await config.send(new CC.DescribeClusterCommand({ ClusterArn: s.clusterArn }));
    assertEqual([out.Cluster.Name, out.Cluster.Status], ['dr-cluster', 'DEPLOYED'], 'cluster');
    const list = await config.send(new CC.ListClustersCommand({}));
    assert(list.Clusters.some((c) => c.ClusterArn === s.clusterArn), 'listed');
  });
  await check('CreateControlPanel / DescribeControlPanel / UpdateControlPanel / ListControlPanels', async () => {
    const out = await config.send(new CC.CreateControlPanelCommand({ ClusterArn: s.clusterArn, ControlPanelName: 'connect-panel' }));
    s.panelArn = out.ControlPanel.ControlPanelArn;
    await config.send(new CC.UpdateControlPanelCommand({ ControlPanelArn: s.panelArn, ControlPanelName: 'connect-dr' }));
    const described = await config.send(new CC.DescribeControlPanelCommand({ ControlPanelArn: s.panelArn }));
    assertEqual([described.ControlPanel.Name, described.ControlPanel.DefaultControlPanel, described.ControlPanel.Status], ['connect-dr', false, 'DEPLOYED'], 'panel');
    const list = await config.send(new CC.ListControlPanelsCommand({ ClusterArn: s.clusterArn }));
    assertEqual(list.ControlPanels.map((p) => p.Name).sort(), ['DefaultControlPanel', 'connect-dr'], 'panels');
  });
  await check('CreateRoutingControl x3 / Describe / Update / List', async () => {
    s.controls = [];
    for (const name of ['cell-east', 'cell-west', 'gate']) {
      const out = await config.send(new CC.CreateRoutingControlCommand({ ClusterArn: s.clusterArn, ControlPanelArn: s.panelArn, RoutingControlName: name }));
      s.controls.push(out.RoutingControl.RoutingControlArn);
    }
    await config.send(new CC.UpdateRoutingControlCommand({ RoutingControlArn: s.controls[2], RoutingControlName: 'gate-switch' }));
    const described = await config.send(new CC.DescribeRoutingControlCommand({ RoutingControlArn: s.controls[2] }));
    assertEqual(described.RoutingControl.Name, 'gate-switch', 'renamed');
    const list = await config.send(new CC.ListRoutingControlsCommand({ ControlPanelArn: s.panelArn }));
    assertEqual(list.RoutingControls.length, 3, 'controls');
  });
  await check('ListAssociatedRoute53HealthChecks', async () => {
    const out = await config.send(new CC.ListAssociatedRoute53HealthChecksCommand({ RoutingControlArn: s.controls[0] }));
    assertEqual(out.HealthCheckIds, [], 'health checks');
  });
  await check('data plane: UpdateRoutingControlStates turns both cells On', async () => {
    await dataPlane(0).send(new RC.UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: s.controls.map((RoutingControlArn) => ({ RoutingControlArn, RoutingControlState: 'On' })) }));
    const out = await dataPlane(1).send(new RC.GetRoutingControlStateCommand({ RoutingControlArn: s.controls[0] }));
    assertEqual([out.RoutingControlState, out.RoutingControlName], ['On', 'cell-east'], 'state via another endpoint');
  });
  await check('SDK paginator: control-config paginateListRoutingControls / paginateListControlPanels', async () => {
    const names = [];
    for await (const page of CC.paginateListRoutingControls({ client: config, pageSize: 2 }, { ControlPanelArn: s.panelArn })) names.push(...page.RoutingControls.map((r) => r.Name));
    assertEqual(names.sort(), ['cell-east', 'cell-west', 'gate-switch'], 'controls across pages');
    const panels = [];
    for await (const page of CC.paginateListControlPanels({ client: config, pageSize: 1 }, { ClusterArn: s.clusterArn })) panels.push(...page.ControlPanels.map((p) => p.Name));
    assertEqual(panels.sort(), ['DefaultControlPanel', 'connect-dr'], 'panels across pages');
  });
  await check('SDK paginator: paginateListRoutingControls on the data plane', async () => {
    const names = [];
    for await (const page of RC.paginateListRoutingControls({ client: dataPlane(2), pageSize: 1 }, { ControlPanelArn: s.panelArn })) names.push(...page.RoutingControls.map((r) => r.RoutingControlName));
    assertEqual(names.sort(), ['cell-east', 'cell-west', 'gate-switch'], 'controls across pages');
  });
  await check('CreateSafetyRule assertion (at least one cell On) and gating', async () => {
    const a = await config.send(new CC.CreateSafetyRuleCommand({ AssertionRule: { Name: 'one-cell-on', ControlPanelArn: s.panelArn, AssertedControls: s.controls.slice(0, 2), WaitPeriodMs: 0, RuleConfig: { Type: 'ATLEAST', Threshold: 1, Inverted: false } } }));
    s.assertionArn = a.AssertionRule.SafetyRuleArn;
    const g = await config.send(new CC.CreateSafetyRuleCommand({ GatingRule: { Name: 'gated', ControlPanelArn: s.panelArn, GatingControls: [s.controls[2]], TargetControls: s.controls.slice(0, 2), WaitPeriodMs: 0, RuleConfig: { Type: 'OR', Threshold: 1, Inverted: false } } }));
    s.gatingArn = g.GatingRule.SafetyRuleArn;
    const d = await config.send(new CC.DescribeSafetyRuleCommand({ SafetyRuleArn: s.assertionArn }));
    assertEqual(d.AssertionRule.RuleConfig, { Inverted: false, Threshold: 1, Type: 'ATLEAST' }, 'rule config');
    const list = await config.send(new CC.ListSafetyRulesCommand({ ControlPanelArn: s.panelArn }));
    assertEqual(list.SafetyRules.map((r) => Object.keys(r).find((k) => r[k])).sort(), ['ASSERTION', 'GATING'], 'rule kinds');
  });
  await check('UpdateSafetyRule', async () => {
    const out = await config.send(new CC.UpdateSafetyRuleCommand({ AssertionRuleUpdate: { Name: 'one-cell-on', SafetyRuleArn: s.assertionArn, WaitPeriodMs: 0 } }));
    assertEqual(out.AssertionRule.SafetyRuleArn, s.assertionArn, 'updated rule');
  });
  await check('data plane: failover east -> west in one call', async () => {
    await dataPlane(2).send(new RC.UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: [
      { RoutingControlArn: s.controls[0], RoutingControlState: 'Off' }, { RoutingControlArn: s.controls[1], RoutingControlState: 'On' }] }));
    const out = await dataPlane(3).send(new RC.ListRoutingControlsCommand({ ControlPanelArn: s.panelArn }));
    assertEqual(out.RoutingControls.map((r) => `${r.RoutingControlName}:${r.RoutingControlState}`).sort(), ['cell-east:Off', 'cell-west:On', 'gate-switch:On'], 'states');
  });
  await expectError('data plane: turning the last cell Off violates the assertion rule', () => dataPlane(0).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[1], RoutingControlState: 'Off' })), 'ConflictException', 409);
  await check('data plane: SafetyRulesToOverride bypasses the rule', async () => {
    await dataPlane(0).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[1], RoutingControlState: 'Off', SafetyRulesToOverride: [s.assertionArn] }));
    await dataPlane(0).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[1], RoutingControlState: 'On', SafetyRulesToOverride: [s.assertionArn] }));
  });
  await expectError('data plane: gate Off blocks target changes', async () => {
    await dataPlane(0).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[2], RoutingControlState: 'Off' }));
    return dataPlane(0).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[0], RoutingControlState: 'On' }));
  }, 'ConflictException', 409);
  await expectError('data plane: 11 entries in one call', () => dataPlane(0).send(new RC.UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: Array.from({ length: 11 }, () => ({ RoutingControlArn: s.controls[0], RoutingControlState: 'On' })) })), 'ServiceLimitExceededException', 402);
  await expectError('data plane: bad state value', () => dataPlane(0).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[0], RoutingControlState: 'Maybe' })), 'ValidationException', 400);
  await expectError('data plane: unknown routing control', () => dataPlane(0).send(new RC.GetRoutingControlStateCommand({ RoutingControlArn: `${s.panelArn}/routingcontrol/0000` })), 'ResourceNotFoundException', 404);
  await expectError('data plane: missing RoutingControlArn', () => dataPlane(0).send(new RC.GetRoutingControlStateCommand({})), 'ValidationException', 400);
  await expectError('data plane: endpoint taken down', async () => {
    await admin(endpoint, 'PUT', `arc/outages/${encodeURIComponent(s.clusterArn)}/4`, { mode: 'Unavailable' });
    return dataPlane(4).send(new RC.GetRoutingControlStateCommand({ RoutingControlArn: s.controls[0] }));
  }, 'EndpointTemporarilyUnavailableException', 503);
  await check('data plane: four of five endpoints down, the fifth answers', async () => {
    for (const i of [0, 1, 2, 3]) await admin(endpoint, 'PUT', `arc/outages/${encodeURIComponent(s.clusterArn)}/${i}`, { mode: i % 2 ? 'ConnectionReset' : 'Unavailable' });
    await admin(endpoint, 'DELETE', `arc/outages/${encodeURIComponent(s.clusterArn)}/4`);
    const out = await dataPlane(4).send(new RC.GetRoutingControlStateCommand({ RoutingControlArn: s.controls[0] }));
    assertEqual(out.RoutingControlState, 'Off', 'state');
    let reset = false;
    try { await dataPlane(1).send(new RC.GetRoutingControlStateCommand({ RoutingControlArn: s.controls[0] })); } catch (e) { reset = !e.$metadata || !e.$metadata.httpStatusCode; }
    assert(reset, 'ConnectionReset endpoint must fail without an HTTP answer');
    await admin(endpoint, 'DELETE', 'arc/outages');
  });
  await check('data plane: 3 mutating calls per second per endpoint', async () => {
    await admin(endpoint, 'PUT', 'quotas', { enforce: true });
    try {
      let throttled;
      for (let i = 0; i < 4 && !throttled; i++) {
        try {
          await dataPlane(3).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[2], RoutingControlState: 'On' }));
        } catch (e) { throttled = e; }
      }
      assert(throttled && throttled.name === 'ThrottlingException' && throttled.$metadata.httpStatusCode === 429, `expected ThrottlingException, got ${throttled && throttled.name}`);
      await dataPlane(2).send(new RC.UpdateRoutingControlStateCommand({ RoutingControlArn: s.controls[2], RoutingControlState: 'On' }));
    } finally {
      await admin(endpoint, 'PUT', 'quotas', { enforce: false });
    }
  });
  await check('Tag/Untag/ListTagsForResource on the cluster', async () => {
    await config.send(new CC.TagResourceCommand({ ResourceArn: s.clusterArn, Tags: { a: '1' } }));
    await config.send(new CC.UntagResourceCommand({ ResourceArn: s.clusterArn, TagKeys: ['k'] }));
    const out = await config.send(new CC.ListTagsForResourceCommand({ ResourceArn: s.clusterArn }));
    assertEqual(out.Tags, { a: '1' }, 'tags');
  });
  await expectError('DescribeCluster unknown', () => config.send(new CC.DescribeClusterCommand({ ClusterArn: 'arn:aws:route53-recovery-control::123456789012:cluster/nope' })), 'ResourceNotFoundException', 404);
  await expectError('CreateControlPanel duplicate name', () => config.send(new CC.CreateControlPanelCommand({ ClusterArn: s.clusterArn, ControlPanelName: 'connect-dr' })), 'ConflictException', 409);
  await expectError('CreateSafetyRule with neither rule', () => config.send(new CC.CreateSafetyRuleCommand({})), 'ValidationException', 400);
  await expectError('CreateRoutingControl missing name', () => config.send(new CC.CreateRoutingControlCommand({ ClusterArn: s.clusterArn })), 'ValidationException', 400);
  await expectError('DeleteRoutingControl used by a rule', () => config.send(new CC.DeleteRoutingControlCommand({ RoutingControlArn: s.controls[0] })), 'ConflictException', 409);
  await expectError('DeleteCluster with panels', () => config.send(new CC.DeleteClusterCommand({ ClusterArn: s.clusterArn })), 'ConflictException', 409);
  await check('DeleteSafetyRule / DeleteRoutingControl / DeleteControlPanel / DeleteCluster', async () => {
    await config.send(new CC.DeleteSafetyRuleCommand({ SafetyRuleArn: s.assertionArn }));
    await config.send(new CC.DeleteSafetyRuleCommand({ SafetyRuleArn: s.gatingArn }));
    for (const arn of s.controls) await config.send(new CC.DeleteRoutingControlCommand({ RoutingControlArn: arn }));
    await config.send(new CC.DeleteControlPanelCommand({ ControlPanelArn: s.panelArn }));
    await config.send(new CC.DeleteClusterCommand({ ClusterArn: s.clusterArn }));
  });
  await expectError('DescribeSafetyRule deleted', () => config.send(new CC.DescribeSafetyRuleCommand({ SafetyRuleArn: s.assertionArn })), 'ResourceNotFoundException', 404);
}

module.exports = { run };
