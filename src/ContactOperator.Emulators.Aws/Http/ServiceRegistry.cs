using ContactOperator.Emulators.Aws.Arc;
using ContactOperator.Emulators.Aws.Connect;
using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Emulators.Aws.Models;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>The emulated services by SigV4 signing name.</summary>
internal static class ServiceRegistry
{
    public const string Connect = "connect";
    public const string ArcControlConfig = "route53-recovery-control-config";
    public const string ArcCluster = "route53-recovery-cluster";

    private static readonly RateLimit ArcMutationsPerEndpoint = new(3, 3);

    public static IReadOnlyDictionary<string, ServiceDefinition> Create()
    {
        var connectHandlers = new Dictionary<string, OperationHandler>(StringComparer.Ordinal);
        InstanceOperations.Register(connectHandlers);
        InstanceConfigOperations.Register(connectHandlers);
        HoursOfOperationOperations.Register(connectHandlers);
        QueueOperations.Register(connectHandlers);
        RoutingProfileOperations.Register(connectHandlers);
        TagOperations.Register(connectHandlers);
        ReplicationOperations.Register(connectHandlers);
        TrafficDistributionOperations.Register(connectHandlers);
        MetricOperations.Register(connectHandlers);

        var configHandlers = new Dictionary<string, OperationHandler>(StringComparer.Ordinal);
        ArcConfigOperations.Register(configHandlers);

        var clusterHandlers = new Dictionary<string, OperationHandler>(StringComparer.Ordinal);
        ArcClusterOperations.Register(clusterHandlers);

        var definitions = new ServiceDefinition[]
        {
            new()
            {
                Model = ServiceModel.Load("connect-2017-08-08.min.json", "com.amazonaws.connect"),
                Handlers = connectHandlers,
                MessageMember = "Message",
                CoralNamespace = "com.amazonaws.connect",
                ValidationErrorCode = op => DeclaredErrors.Declares(Connect, op, "InvalidParameterException") ? "InvalidParameterException" : "InvalidRequestException",
                ThrottlingErrorCode = "ThrottlingException",
                RateLimitFor = ConnectRateLimits.For,
            },
            new()
            {
                Model = ServiceModel.Load("route53-recovery-control-config-2020-11-02.min.json", "com.amazonaws.route53recoverycontrolconfig"),
                Handlers = configHandlers,
                MessageMember = "message",
                CoralNamespace = "com.amazonaws.route53recoverycontrolconfig",
                ValidationErrorCode = _ => "ValidationException",
                ThrottlingErrorCode = "ThrottlingException",
                RateLimitFor = _ => null,
            },
            new()
            {
                Model = ServiceModel.Load("route53-recovery-cluster-2019-12-02.min.json", "com.amazonaws.route53recoverycluster"),
                Handlers = clusterHandlers,
                MessageMember = "message",
                CoralNamespace = "com.amazonaws.route53recoverycluster",
                ValidationErrorCode = _ => "ValidationException",
                ThrottlingErrorCode = "ThrottlingException",
                RateLimitFor = op => op.StartsWith("Update", StringComparison.Ordinal) ? ArcMutationsPerEndpoint : null,
                RateLimitPerArcEndpoint = true,
            },
        };
        return definitions.ToDictionary(d => d.SigningName, StringComparer.Ordinal);
    }
}
