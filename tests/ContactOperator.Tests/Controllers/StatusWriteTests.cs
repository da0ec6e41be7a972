using System.Text.Json.Nodes;
using Amazon.Runtime;
using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using ContactOperator.Alerting;
using ContactOperator.Aws.Arc;
using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Controllers;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Kinds;
using ContactOperator.Kinds.ContactInstances;
using ContactOperator.Kinds.Contract;
using ContactOperator.Kinds.FailoverPlans;
using ContactOperator.Manifests;
using ContactOperator.Kinds.HoursOfOperations;
using ContactOperator.Kinds.Queues;
using ContactOperator.Reconciliation;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using ContactOperator.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using k8s;
using k8s.Models;

namespace ContactOperator.Tests.Controllers;

/// <summary>
/// The shared flow writes an object's status once per reconcile, at the end, on every path (plus the id record right
/// after a create). Each reconcile here is driven by hand against both emulators and its status writes are counted on
/// the wire.
/// </summary>
public sealed class StatusWriteTests : IAsyncLifetime
{
    private const string Namespace = ContactCenterHarness.Namespace;

    private readonly StatusWriteCounter counter = new();
    private readonly List<string> events = [];
    private readonly List<string> reasons = [];
    private readonly AwsRateLimiterRegistry limits = new(TimeProvider.System, AwsOperationCatalog.RateLimits);
    private ContactCenterHarness h = null!;
    private Kubernetes client = null!;
    private ConnectClients connect = null!;
    private SyncServices services = null!;
    private readonly Dictionary<Type, IReadOnlyList<IContactResource>> cache = [];

    public async Task InitializeAsync()
    {
        h = await ContactCenterHarness.StartAsync(startOperator: false);
        client = new Kubernetes(new KubernetesClientConfiguration { Host = h.Kube.BaseAddress.ToString() }, counter);
        connect = ConnectClients.FromOptions(AwsOptions("us-east-1"));
        var lookup = new ObjectLookup();
        Register<ContactInstance>(lookup);
        Register<HoursOfOperation>(lookup);
        Register<Queue>(lookup);
        var options = new SyncOptions { WaitPoll = TimeSpan.FromMilliseconds(100), QuotaRetry = TimeSpan.FromMinutes(5) };
        services = new SyncServices(connect, lookup, new ListEventSink(events, reasons), options, new AwsResourceFlow(new NameIndex(TimeProvider.System, options.ResyncPeriod), TimeProvider.System, options.EventualConsistencyWindow), TimeProvider.System, NullLoggerFactory.Instance,
            new AwsClientOptions { Region = "us-east-1" }, KindSettings.Defaults, new Disposables(), new Referrers(KindCatalog.All, lookup));
    }

    public async Task DisposeAsync()
    {
        connect.Dispose();
        client.Dispose();
        await h.DisposeAsync();
    }

    [Fact]
    public async Task Every_path_writes_status_at_most_once_per_reconcile()
    {
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: billing}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}, maxContacts: 50}
            """);
        var waiting = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal(("WaitingForDependency", 1), (waiting.Reason, waiting.StatusWrites));

        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: support}
            spec: {region: us-east-1, identityManagementType: CONNECT_MANAGED, instanceAlias: acme-support}
            ---
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: HoursOfOperation
            metadata: {name: office-hours}
            spec:
              instanceRef: {name: support}
              timeZone: America/New_York
              config: [{day: MONDAY, startTime: "08:00", endTime: "18:00"}]
            """);
        var instanceCreate = await ReconcileAsync(new ContactInstanceModule(), "support");
        Assert.Equal(("Creating", 2), (instanceCreate.Reason, instanceCreate.StatusWrites));
        Outcome instance;
        do
        {
            instance = await ReconcileAsync(new ContactInstanceModule(), "support");
            Assert.True(instance.StatusWrites <= 1, $"instance reconcile ({instance.Reason}) wrote status {instance.StatusWrites} times");
        }
        while (instance.Reason != "Available");

        var hoursCreate = await ReconcileAsync(new HoursOfOperationModule(), "office-hours");
        Assert.Equal(("Available", 2), (hoursCreate.Reason, hoursCreate.StatusWrites));
        var create = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal(("Available", 2), (create.Reason, create.StatusWrites));

        var inSync = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal(("Available", 0), (inSync.Reason, inSync.StatusWrites));

        await PatchQueueAsync("billing", """{"spec":{"maxContacts":80}}""");
        var update = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal(("Available", 1), (update.Reason, update.StatusWrites));
        Assert.Contains("UpdateQueueMaxContacts: changed max contacts 50 → 80", events);

        h.Aws.Control.InjectFault(new FaultRule { Service = "connect", Operation = "UpdateQueueMaxContacts", ErrorCode = "ThrottlingException", StatusCode = 429, Message = "Rate exceeded" });
        await PatchQueueAsync("billing", """{"spec":{"maxContacts":90}}""");
        var throttled = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal((nameof(AwsServiceException), 1), (throttled.Thrown, throttled.StatusWrites));
        Assert.Equal(("False", "AwsError"), await SyncedAsync("billing"));
        h.Aws.Control.ClearFaults();

        h.Aws.Control.InjectFault(new FaultRule { Service = "connect", Operation = "UpdateQueueMaxContacts", ErrorCode = "InvalidParameterException", StatusCode = 400, Message = "MaxContacts is out of range." });
        var refused = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal(("AwsInvalidRequest", nameof(TerminalReconcileException), 1), (refused.Reason, refused.Thrown, refused.StatusWrites));
        h.Aws.Control.ClearFaults();

        // Access denied is fixed outside Kubernetes (IAM, credentials, clock): a slow retry that says so, never terminal.
        h.Aws.Control.InjectFault(new FaultRule
        {
            Service = "connect", Operation = "UpdateQueueMaxContacts", ErrorCode = "AccessDeniedException", StatusCode = 403,
            Message = "User is not authorized to perform: connect:UpdateQueueMaxContacts",
        });
        await PatchQueueAsync("billing", """{"spec":{"maxContacts":70}}""");
        var denied = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal(("AwsAccessDenied", null, 1), (denied.Reason, denied.Thrown, denied.StatusWrites));
        Assert.Equal(TimeSpan.FromMinutes(5), denied.Result?.RequeueAfterDelay);
        Assert.Contains(events, e => e.Contains("generate iam-policy", StringComparison.Ordinal));
        h.Aws.Control.ClearFaults();
        var granted = await ReconcileAsync(new QueueModule(), "billing");
        Assert.Equal(("Available", 1), (granted.Reason, granted.StatusWrites));

        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: Queue
            metadata: {name: overflow}
            spec: {instanceRef: {name: support}, hoursOfOperationRef: {name: office-hours}}
            """);
        h.Aws.Control.InjectFault(new FaultRule
        {
            Service = "connect", Operation = "CreateQueue", ErrorCode = "LimitExceededException", StatusCode = 429,
            Message = "The quota of 5000 queues per instance has been reached.",
        });
        var quota = await ReconcileAsync(new QueueModule(), "overflow");
        Assert.Equal(("AwsQuotaExceeded", 1), (quota.Reason, quota.StatusWrites));
        Assert.Equal(TimeSpan.FromMinutes(5), quota.Result?.RequeueAfterDelay);
        Assert.Equal(1, h.Aws.Control.CountOf("CreateQueue", "LimitExceededException"));
        Assert.Contains(events, e => e.Contains("The quota of 5000 queues per instance has been reached.", StringComparison.Ordinal) && e.Contains("Service Quotas", StringComparison.Ordinal));
        h.Aws.Control.ClearFaults();

        var deleting = await DeleteAndReconcileAsync("overflow");
        Assert.Equal(0, deleting.StatusWrites);
    }

    [Fact]
    public async Task An_invalid_spec_writes_status_once_and_is_not_retried()
    {
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: HoursOfOperation
            metadata: {name: backwards}
            spec:
              instanceRef: {name: support}
              timeZone: America/New_York
              config: [{day: MONDAY, startTime: "18:00", endTime: "08:00"}]
            """);
        var invalid = await ReconcileAsync(new HoursOfOperationModule(), "backwards");
        Assert.Equal(("InvalidSpec", nameof(TerminalReconcileException), 1), (invalid.Reason, invalid.Thrown, invalid.StatusWrites));
        var again = await ReconcileAsync(new HoursOfOperationModule(), "backwards");
        Assert.Equal(0, again.StatusWrites);
    }

    [Fact]
    public async Task A_failover_plan_writes_status_once_per_reconcile_and_once_more_per_part_it_creates()
    {
        var awsOptions = AwsOptions("us-west-2");
        var cluster = h.Aws.Control.InvokeOutOfBand("route53-recovery-control-config", "us-west-2", "CreateCluster", new JsonObject { ["ClusterName"] = "dr" });
        var clusterArn = (string)cluster["Cluster"]!["ClusterArn"]!;
        await h.ApplyAsync($$"""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: FailoverPlan
            metadata: {name: support-dr}
            spec:
              instanceRef: {name: support}
              replica: {region: us-west-2, instanceAlias: acme-support-west}
              trafficDistributionGroup: {name: support-tdg}
              activeRegion: us-east-1
              preconditions: {requireReplicaActive: true, minTimeBetweenMoves: 1s}
              arc:
                clusterArn: {{clusterArn}}
                controlPanelName: support-dr
                routingControls: [{region: us-east-1, name: support-east}, {region: us-west-2, name: support-west}]
                safetyRules: [{name: one-region-on, type: Assertion, minOn: 1, waitPeriodMs: 0}]
            """);
        using var arcConfig = new ArcControlConfigClient(awsOptions);
        var aws = new FailoverAws(connect, arcConfig, endpoints => new ArcClusterClient(endpoints, awsOptions with { ServiceUrl = null }));
        var hooks = new FailoverPlanHooks(
            key => cache.GetValueOrDefault(typeof(ContactInstance), []).OfType<ContactInstance>().FirstOrDefault(o => ObjectKey.From(o) == key),
            aws, new FailoverSetup(aws, services.Flow), new FailoverMetrics(new CollectorRegistry()), new FailoverOptions { WaitPoll = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System, NullLogger.Instance);

        var waiting = await ReconcileAsync(hooks, Descriptors.FailoverPlan, "support-dr");
        Assert.Equal(("WaitingForDependency", 1), (waiting.Reason, waiting.StatusWrites));

        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: support}
            spec: {region: us-east-1, identityManagementType: SAML, instanceAlias: acme-support}
            """);
        await ConvergeAsync(new ContactInstanceModule(), "support");

        // Setup: every reconcile writes once, plus the id record of each part it creates (replica, group, panel, controls, rule).
        var created = 0;
        await UntilAsync(hooks, Descriptors.FailoverPlan, "support-dr", "Available", outcome =>
        {
            Assert.True(outcome.Created == 0 ? outcome.StatusWrites <= 1 : outcome.StatusWrites == 1 + outcome.Created,
                $"plan reconcile ({outcome.Reason}) created {outcome.Created} parts and wrote status {outcome.StatusWrites} times");
            created += outcome.Created;
        });
        Assert.Equal(6, created);
        var steady = await ReconcileAsync(hooks, Descriptors.FailoverPlan, "support-dr");
        Assert.Equal(("Available", 0), (steady.Reason, steady.StatusWrites));

        // A failover: each step of the move is one reconcile and one status write.
        await new ResourceClient<FailoverPlan>(client, Descriptors.FailoverPlan).PatchAsync(new ObjectKey(Namespace, "support-dr"), JsonNode.Parse("""{"spec":{"activeRegion":"us-west-2"}}""")!);
        var steps = 0;
        await UntilAsync(hooks, Descriptors.FailoverPlan, "support-dr", "Available", outcome =>
        {
            Assert.Equal((0, 1), (outcome.Created, outcome.StatusWrites));
            steps++;
        });
        Assert.Equal(4, steps); // started, routing controls switched, traffic shifted, verified
        var moved = await new ResourceClient<FailoverPlan>(client, Descriptors.FailoverPlan).GetAsync(new ObjectKey(Namespace, "support-dr"));
        Assert.Equal(("us-west-2", moved.Metadata.Generation), (moved.Status!.ActiveRegion, moved.Status.ObservedGeneration));
    }

    [Fact]
    public async Task An_alert_policy_writes_status_once_per_reconcile_on_every_path()
    {
        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: AlertPolicy
            metadata: {name: support-alerts}
            spec:
              instanceRef: {name: support}
              rules:
              - {name: missed, metric: MissedCalls, comparison: GreaterThan, tiers: [{severity: warning, threshold: 5, for: 5m}]}
            """);
        var hooks = new AlertPolicyHooks(
            key => cache.GetValueOrDefault(typeof(ContactInstance), []).OfType<ContactInstance>().FirstOrDefault(o => ObjectKey.From(o) == key),
            new ResourceClient<PrometheusRule>(client, PrometheusOperatorKinds.PrometheusRule), new ResourceClient<AlertmanagerConfig>(client, PrometheusOperatorKinds.AlertmanagerConfig),
            new AlertingOptions(), NullLogger.Instance);

        var waiting = await ReconcileAsync(hooks, Descriptors.AlertPolicy, "support-alerts");
        Assert.Equal(("WaitingForInstance", 1), (waiting.Reason, waiting.StatusWrites));
        Assert.Equal(0, (await ReconcileAsync(hooks, Descriptors.AlertPolicy, "support-alerts")).StatusWrites);

        await h.ApplyAsync("""
            apiVersion: connect.contact-operator.io/v1alpha1
            kind: ContactInstance
            metadata: {name: support}
            spec: {region: us-east-1, identityManagementType: CONNECT_MANAGED, instanceAlias: acme-support}
            """);
        await ConvergeAsync(new ContactInstanceModule(), "support");
        var notInstalled = await ReconcileAsync(hooks, Descriptors.AlertPolicy, "support-alerts");
        Assert.Equal((AlertPolicyHooks.ReasonNotInstalled, 1), (notInstalled.Reason, notInstalled.StatusWrites));

        await new ManifestApplier(h.Client).ApplyCrdsAsync(
            Directory.GetFiles(RepoPaths.Of("config", "prometheus-operator", "crds"), "*.yaml").Order().SelectMany(ManifestReader.ReadFile), CancellationToken.None);
        var rendered = await ReconcileAsync(hooks, Descriptors.AlertPolicy, "support-alerts");
        Assert.Equal((AlertPolicyHooks.ReasonRendered, 1), (rendered.Reason, rendered.StatusWrites));
        Assert.Contains(events, e => e.StartsWith("created PrometheusRule", StringComparison.Ordinal));
        Assert.Equal(0, (await ReconcileAsync(hooks, Descriptors.AlertPolicy, "support-alerts")).StatusWrites);

        await new ResourceClient<AlertPolicy>(client, Descriptors.AlertPolicy).PatchAsync(new ObjectKey(Namespace, "support-alerts"),
            JsonNode.Parse("""{"spec":{"labels":{"bad-key":"x"}}}""")!);
        var invalid = await ReconcileAsync(hooks, Descriptors.AlertPolicy, "support-alerts");
        Assert.Equal(("InvalidSpec", nameof(TerminalReconcileException), 1), (invalid.Reason, invalid.Thrown, invalid.StatusWrites));
        var again = await ReconcileAsync(hooks, Descriptors.AlertPolicy, "support-alerts");
        Assert.Equal((nameof(TerminalReconcileException), 0), (again.Thrown, again.StatusWrites));
    }

    /// <summary>Reconciles until Ready has <paramref name="reason"/> (bounded), handing each outcome to <paramref name="check"/>.</summary>
    private async Task UntilAsync<TResource, TStatus>(IKindHooks<TResource, TStatus> hooks, ResourceDescriptor<TResource> descriptor, string name, string reason, Action<Outcome> check)
        where TResource : class, IContactResource
        where TStatus : ResourceStatus
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Outcome outcome;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, $"{descriptor.Kind} {name} did not reach {reason}");
            outcome = await ReconcileAsync(hooks, descriptor, name);
            check(outcome);
        }
        while (outcome.Reason != reason);
    }

    private async Task ConvergeAsync<TResource, TPlacement, TDesired, TObserved>(AwsKindModule<TResource, TPlacement, TDesired, TObserved> module, string name)
        where TResource : class, IContactResource
        where TPlacement : IAwsPlacement
        where TDesired : class
        where TObserved : class, IObservedResource =>
        await UntilAsync(new AwsResourceHooks<TResource, TPlacement, TDesired, TObserved>(module, services), module.Descriptor, name, "Available", _ => { });

    /// <summary>The clients the operator would have: its rate limits (the AWS quotas) included, so a loop of reconciles is paced as in production.</summary>
    private AwsClientOptions AwsOptions(string region) => new()
    {
        Region = region,
        RateLimits = limits,
        ServiceUrl = h.Aws.Endpoint,
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "local-secret"),
        MaxAttempts = 2,
        Jitter = () => 0,
    };

    /// <summary>What one reconcile did: the Ready reason after it, what it threw, its status writes, its result, and how many AWS resources it created.</summary>
    private sealed record Outcome(string? Reason, string? Thrown, int StatusWrites, ReconcileResult? Result, int Created = 0);

    private Task<Outcome> ReconcileAsync<TResource, TPlacement, TDesired, TObserved>(AwsKindModule<TResource, TPlacement, TDesired, TObserved> module, string name)
        where TResource : class, IContactResource
        where TPlacement : IAwsPlacement
        where TDesired : class
        where TObserved : class, IObservedResource =>
        ReconcileAsync(new AwsResourceHooks<TResource, TPlacement, TDesired, TObserved>(module, services), module.Descriptor, name);

    /// <summary>One reconcile of <paramref name="name"/> by the shared skeleton around <paramref name="hooks"/>, its status writes counted on the wire.</summary>
    private async Task<Outcome> ReconcileAsync<TResource, TStatus>(IKindHooks<TResource, TStatus> hooks, ResourceDescriptor<TResource> descriptor, string name)
        where TResource : class, IContactResource
        where TStatus : ResourceStatus
    {
        var resources = new ResourceClient<TResource>(client, descriptor);
        await RefreshCacheAsync();
        var resource = await resources.GetAsync(new ObjectKey(Namespace, name));
        var reconciler = new KindReconciler<TResource, TStatus>(hooks, resources, services.Events, services.Options, TimeProvider.System, NullLogger.Instance);
        counter.Reset();
        lock (events)
        {
            reasons.Clear();
        }
        string? thrown = null;
        ReconcileResult? result = null;
        try
        {
            result = await reconciler.ReconcileAsync(new ReconcileRequest<TResource>(ObjectKey.From(resource), resource), CancellationToken.None);
        }
        catch (Exception e) when (e is AwsServiceException or TerminalReconcileException)
        {
            thrown = e.GetType().Name;
        }
        var writes = counter.StatusWrites;
        var after = await resources.TryGetAsync(new ObjectKey(Namespace, name));
        int created;
        lock (events)
        {
            created = reasons.Count(r => r == "Created");
        }
        return new Outcome(Conditions.Find(after?.CommonStatus?.Conditions, ConditionTypes.Ready)?.Reason, thrown, writes, result, created);
    }

    private async Task<Outcome> DeleteAndReconcileAsync(string queue)
    {
        var queues = new ResourceClient<Queue>(client, Descriptors.Queue);
        await queues.DeleteAsync(new ObjectKey(Namespace, queue));
        return await ReconcileAsync(new QueueModule(), queue);
    }

    private Task PatchQueueAsync(string name, string patch) =>
        new ResourceClient<Queue>(client, Descriptors.Queue).PatchAsync(new ObjectKey(Namespace, name), JsonNode.Parse(patch)!);

    private async Task<(string?, string?)> SyncedAsync(string queue)
    {
        var synced = Conditions.Find((await new ResourceClient<Queue>(client, Descriptors.Queue).GetAsync(new ObjectKey(Namespace, queue))).Status?.Conditions, ConditionTypes.Synced);
        return (synced?.Status, synced?.Reason);
    }

    private void Register<T>(ObjectLookup lookup)
        where T : class, IContactResource =>
        lookup.Register<T>(key => cache.GetValueOrDefault(typeof(T), []).OfType<T>().FirstOrDefault(o => ObjectKey.From(o) == key), () => cache.GetValueOrDefault(typeof(T), []).OfType<T>());

    /// <summary>What the informer cache would hold: every object as the API server has it now.</summary>
    private async Task RefreshCacheAsync()
    {
        cache[typeof(ContactInstance)] = [.. (await new ResourceClient<ContactInstance>(h.Client, Descriptors.ContactInstance).ListAsync(Namespace)).Items];
        cache[typeof(HoursOfOperation)] = [.. (await new ResourceClient<HoursOfOperation>(h.Client, Descriptors.HoursOfOperation).ListAsync(Namespace)).Items];
        cache[typeof(Queue)] = [.. (await new ResourceClient<Queue>(h.Client, Descriptors.Queue).ListAsync(Namespace)).Items];
    }

    /// <summary>Counts writes to the status subresource.</summary>
    private sealed class StatusWriteCounter : DelegatingHandler
    {
        private int statusWrites;

        public int StatusWrites => Volatile.Read(ref statusWrites);

        public void Reset() => Interlocked.Exchange(ref statusWrites, 0);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get && request.RequestUri?.AbsolutePath.EndsWith("/status", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref statusWrites);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class ListEventSink(List<string> notes, List<string> reasons) : IEventSink
    {
        public Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string note, CancellationToken cancellationToken)
        {
            lock (notes)
            {
                notes.Add(note);
                reasons.Add(reason);
            }
            return Task.CompletedTask;
        }
    }
}
