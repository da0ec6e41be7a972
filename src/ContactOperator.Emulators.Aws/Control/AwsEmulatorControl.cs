using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Control;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Emulators.Aws;

/// <summary>
/// In-process control of the emulator for tests: request log and counters, fault injection, quotas,
/// ARC endpoint outages, the metrics load model, and direct ("out of band") state access that behaves
/// like a change made in the AWS console: it is validated like an API call but is not logged, counted
/// or rate limited. The same controls are served over HTTP under <c>/_emulator/</c>.
/// </summary>
public sealed class AwsEmulatorControl
{
    private readonly EmulatorState state;
    private readonly RateLimiter rateLimiter;
    private readonly RequestLog log;
    private readonly ILogger logger;
    private readonly Dictionary<(string Service, string Operation), RateLimit> rateLimitOverrides = [];
    private IReadOnlyDictionary<string, ServiceDefinition> services = new Dictionary<string, ServiceDefinition>();

    internal AwsEmulatorControl(EmulatorState state)
    {
        this.state = state;
        TimeProvider = state.Options.TimeProvider;
        rateLimiter = new RateLimiter(TimeProvider);
        log = new RequestLog(state.Options.RequestLogCapacity);
        logger = (ILogger?)state.Options.LoggerFactory?.CreateLogger<AwsEmulator>() ?? NullLogger.Instance;
        Faults = new FaultInjector(state.Options.RandomSeed);
        EnforceQuotas = state.Options.EnforceQuotas;
    }

    public TimeProvider TimeProvider { get; }

    public string AccountId => state.Options.AccountId;

    /// <summary>Per-operation rate limits (429s). Resource quotas (instances, queues…) are always enforced.</summary>
    public bool EnforceQuotas { get; set; }

    internal FaultInjector Faults { get; }

    internal void Attach(IReadOnlyDictionary<string, ServiceDefinition> definitions) => services = definitions;

    /// <summary>Every operation the emulator answers, with its method and URI from the service model.</summary>
    public IReadOnlyList<EmulatedOperation> EmulatedOperations =>
    [
        .. services.Values.SelectMany(s => s.Handlers.Keys.Select(name =>
        {
            var op = s.Model.Operations[name];
            return s.Model.Protocol == WireProtocol.AwsJson10
                ? new EmulatedOperation(s.SigningName, name, "POST", $"X-Amz-Target: {s.Model.TargetPrefix}.{name}")
                : new EmulatedOperation(s.SigningName, name, op.Method, op.Uri.Template);
        })).OrderBy(o => o.Service, StringComparer.Ordinal).ThenBy(o => o.Operation, StringComparer.Ordinal),
    ];

    // ---- request log and counters ----

    /// <summary>The most recent calls (at most <see cref="AwsEmulatorOptions.RequestLogCapacity"/>), oldest first.</summary>
    public IReadOnlyList<AwsRequestLogEntry> RequestLog => log.Snapshot();

    /// <summary>Forgets the log and the counters.</summary>
    public void ClearRequestLog() => log.Clear();

    /// <summary>Calls of an operation since start (or the last clear), optionally only those that failed with an error code.</summary>
    public int CountOf(string operation, string? errorCode = null, string? service = null, string? region = null) =>
        log.Count(operation, errorCode, service, region);

    /// <summary>Calls per "service/Operation" since start (or the last clear).</summary>
    public IReadOnlyDictionary<string, int> CountsByOperation() => log.CountsByOperation();

    /// <summary>
    /// While non-zero, Describe calls for Connect configuration resources (queues, hours, routing profiles)
    /// created less than this long ago answer ResourceNotFoundException, as Connect's eventual consistency can.
    /// </summary>
    public TimeSpan EventualConsistencyWindow
    {
        get
        {
            lock (state.Gate)
            {
                return state.EventualConsistencyWindow;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (state.Gate)
            {
                state.EventualConsistencyWindow = value;
            }
        }
    }

    internal void Record(AwsRequestLogEntry entry)
    {
        log.Add(entry);
        if (entry.ErrorCode is null)
        {
            EmulatorLog.Answered(logger, entry.Service, entry.Region, entry.Operation, entry.StatusCode, entry.Duration.TotalMilliseconds);
        }
        else
        {
            EmulatorLog.Failed(logger, entry.Service, entry.Region, entry.Operation, entry.StatusCode, entry.ErrorCode, entry.Duration.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> CreateInstance/ReplicateInstance calls produce instances that end in
    /// CREATION_FAILED (with <paramref name="reason"/> as StatusReason) instead of ACTIVE.
    /// </summary>
    public void FailInstanceCreations(int count = 1, string reason = "Instance creation failed (injected by the emulator).")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (state.Gate)
        {
            state.InstanceCreationFailures = count;
            state.InstanceCreationFailureReason = reason;
        }
    }

    // ---- faults ----

    /// <summary>Adds a fault rule; returns its id.</summary>
    public string InjectFault(FaultRule rule) => Faults.Add(rule);

    public bool RemoveFault(string faultId) => Faults.Remove(faultId);

    /// <summary>How many calls an injected fault has affected (failed, or held after taking effect).</summary>
    public int TimesApplied(string faultId) => Faults.TimesApplied(faultId);

    public void ClearFaults() => Faults.Clear();

    public IReadOnlyList<(string Id, FaultRule Rule)> ActiveFaults => Faults.List();

    /// <summary>Takes one of a cluster's five endpoints (index 0–4) down.</summary>
    public void TakeArcEndpointDown(string clusterIdOrArn, int endpointIndex, ArcEndpointOutageMode mode = ArcEndpointOutageMode.Unavailable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(endpointIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endpointIndex, Arc.ArcEndpoints.Count - 1);
        lock (state.Gate)
        {
            state.Arc.Outages[new ArcEndpointAddress(Arc.ArcArns.ClusterId(clusterIdOrArn), endpointIndex)] = mode;
        }
    }

    public void RestoreArcEndpoint(string clusterIdOrArn, int endpointIndex)
    {
        lock (state.Gate)
        {
            state.Arc.Outages.Remove(new ArcEndpointAddress(Arc.ArcArns.ClusterId(clusterIdOrArn), endpointIndex));
        }
    }

    public void RestoreAllArcEndpoints()
    {
        lock (state.Gate)
        {
            state.Arc.Outages.Clear();
        }
    }

    internal ArcEndpointOutageMode? ArcOutage(ArcEndpointAddress address)
    {
        lock (state.Gate)
        {
            return state.Arc.Outages.TryGetValue(address, out var mode) ? mode : null;
        }
    }

    /// <summary>Forgets consumed rate-limit tokens (every bucket starts full again).</summary>
    public void ResetRateLimits()
    {
        lock (state.Gate)
        {
            rateLimiter.Reset();
        }
    }

    /// <summary>
    /// Replaces the documented limit of one operation (null restores it). For the ARC data plane the
    /// operation name is any mutating one (UpdateRoutingControlState[s]); the limit stays per endpoint.
    /// </summary>
    public void OverrideRateLimit(string service, string operation, RateLimit? limit)
    {
        lock (state.Gate)
        {
            if (limit is null)
            {
                rateLimitOverrides.Remove((service, operation));
            }
            else
            {
                rateLimitOverrides[(service, operation)] = limit;
            }
        }
    }

    /// <summary>
    /// The limit the emulator applies to one operation when <see cref="EnforceQuotas"/> is on (an override if one is
    /// set, else the documented default), or null when the operation is not rate limited or not emulated. Connect
    /// limits apply per account and Region; ARC data-plane limits per cluster endpoint.
    /// </summary>
    public RateLimit? RateLimitOf(string service, string operation)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(operation);
        return services.TryGetValue(service, out var definition) && definition.Handlers.ContainsKey(operation)
            ? RateLimitOf(definition, operation)
            : null;
    }

    private RateLimit? RateLimitOf(ServiceDefinition service, string operation)
    {
        lock (state.Gate)
        {
            return rateLimitOverrides.GetValueOrDefault((service.SigningName, operation)) ?? service.RateLimitFor(operation);
        }
    }

    internal void CheckRateLimit(ServiceDefinition service, string operation, string region, ArcEndpointAddress? arcEndpoint)
    {
        var limit = RateLimitOf(service, operation);
        if (!EnforceQuotas || limit is null)
        {
            return;
        }

        var key = service.RateLimitPerArcEndpoint
            ? $"{AccountId}/arc/{arcEndpoint?.ClusterId ?? "-"}/{arcEndpoint?.Index ?? -1}/mutating"
            : $"{AccountId}/{region}/{service.SigningName}/{operation}";
        bool allowed;
        lock (state.Gate)
        {
            allowed = rateLimiter.TryAcquire(key, limit);
        }

        if (!allowed)
        {
            throw new AwsErrorException(service.ThrottlingErrorCode, "Rate exceeded") { RetryAfterSeconds = service.RateLimitPerArcEndpoint ? 1 : null };
        }
    }

    // ---- load model for metrics ----

    /// <summary>Sets a fixed load for a queue as seen in one Region's instance.</summary>
    public void SetQueueLoad(string region, string instanceId, string queueId, QueueLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        SetQueueLoad(region, instanceId, queueId, _ => load);
    }

    /// <summary>Scripts a queue's load as a function of the emulator's clock.</summary>
    public void SetQueueLoad(string region, string instanceId, string queueId, Func<DateTimeOffset, QueueLoad> script)
    {
        lock (state.Gate)
        {
            state.QueueLoads[(region, instanceId, queueId)] = script;
        }
    }

    public void ClearQueueLoads()
    {
        lock (state.Gate)
        {
            state.QueueLoads.Clear();
        }
    }

    // ---- direct state access ----

    /// <summary>
    /// Runs an operation as if made in the AWS console: model-validated, but not logged, counted, rate
    /// limited or faulted. Input uses the model's member names (URI and query members included).
    /// </summary>
    public JsonObject InvokeOutOfBand(string service, string region, string operation, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!services.TryGetValue(service, out var definition) || !definition.Model.Operations.TryGetValue(operation, out var model)
            || !definition.Handlers.ContainsKey(operation))
        {
            throw new ArgumentException($"{service}/{operation} is not emulated", nameof(operation));
        }

        try
        {
            var errors = InputValidator.Validate(definition.Model, model.Input, input);
            if (errors.Count > 0)
            {
                throw new AwsErrorException(definition.ValidationErrorCode(operation), InputValidator.Describe(errors));
            }

            return Invoke(definition, operation, region, input, null);
        }
        catch (AwsErrorException e)
        {
            throw new AwsEmulatorCallException(e.ErrorCode, e.StatusCode, e.Message);
        }
    }

    /// <summary>A readable snapshot of all emulated state (instances per Region, configuration names, traffic distribution, ARC states).</summary>
    public JsonObject DumpState()
    {
        lock (state.Gate)
        {
            return StateDump.Create(state, TimeProvider.GetUtcNow());
        }
    }

    /// <summary>A queue as stored (DescribeQueue's Queue member), or null if absent.</summary>
    public JsonObject? GetQueue(string region, string instanceId, string queueId) =>
        TryDescribe("connect", region, "DescribeQueue", new() { ["InstanceId"] = instanceId, ["QueueId"] = queueId }, "Queue");

    public JsonObject? GetRoutingProfile(string region, string instanceId, string routingProfileId) =>
        TryDescribe("connect", region, "DescribeRoutingProfile", new() { ["InstanceId"] = instanceId, ["RoutingProfileId"] = routingProfileId }, "RoutingProfile");

    public JsonObject? GetHoursOfOperation(string region, string instanceId, string hoursOfOperationId) =>
        TryDescribe("connect", region, "DescribeHoursOfOperation", new() { ["InstanceId"] = instanceId, ["HoursOfOperationId"] = hoursOfOperationId }, "HoursOfOperation");

    public JsonObject? GetInstance(string region, string instanceId) =>
        TryDescribe("connect", region, "DescribeInstance", new() { ["InstanceId"] = instanceId }, "Instance");

    /// <summary>The state (On/Off) of a routing control, or null if it does not exist.</summary>
    public string? GetRoutingControlState(string routingControlArn)
    {
        lock (state.Gate)
        {
            return state.Arc.RoutingControls.TryGetValue(routingControlArn, out var control) ? (control.On ? "On" : "Off") : null;
        }
    }

    /// <summary>Sets a routing control's state directly, bypassing safety rules (for test setup).</summary>
    public void SetRoutingControlState(string routingControlArn, bool on)
    {
        lock (state.Gate)
        {
            if (!state.Arc.RoutingControls.TryGetValue(routingControlArn, out var control))
            {
                throw new ArgumentException($"routing control {routingControlArn} does not exist", nameof(routingControlArn));
            }

            control.On = on;
        }
    }

    private JsonObject? TryDescribe(string service, string region, string operation, JsonObject input, string member)
    {
        try
        {
            return InvokeOutOfBand(service, region, operation, input)[member]?.AsObject();
        }
        catch (AwsEmulatorCallException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }
    }

    internal JsonObject Invoke(ServiceDefinition service, string operation, string region, JsonObject input, ArcEndpointAddress? arcEndpoint)
    {
        lock (state.Gate)
        {
            var context = new OperationContext
            {
                Service = service,
                Operation = operation,
                Region = region,
                AccountId = AccountId,
                Now = TimeProvider.GetUtcNow(),
                State = state,
                ArcEndpoint = arcEndpoint,
            };
            return service.Handlers[operation].Handle(context, input);
        }
    }
}
