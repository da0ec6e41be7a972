using ContactOperator.Emulators.Aws.Faults;
using ContactOperator.Emulators.Aws.Models;

namespace ContactOperator.Emulators.Aws.Http;

/// <summary>
/// The emulated services by SigV4 signing name: how each shapes its wire and errors. Their operations are the
/// <see cref="OperationAttribute"/> methods of the <see cref="EmulatedServiceAttribute"/> classes.
/// </summary>
internal static class ServiceRegistry
{
    public const string Connect = "connect";
    public const string ArcControlConfig = "route53-recovery-control-config";
    public const string ArcCluster = "route53-recovery-cluster";

    public static IReadOnlyDictionary<string, ServiceDefinition> Create()
    {
        var handlers = OperationHandlers.All;
        var definitions = new ServiceDefinition[]
        {
            new()
            {
                Model = ServiceModel.Load("connect-2017-08-08.min.json", "com.amazonaws.connect"),
                Handlers = handlers[Connect],
                MessageMember = "Message",
                CoralNamespace = "com.amazonaws.connect",
                ValidationErrorCode = op => DeclaredErrors.Declares(Connect, op, "InvalidParameterException") ? "InvalidParameterException" : "InvalidRequestException",
                ThrottlingErrorCode = "ThrottlingException",
                // reference/aws-quotas-and-operator-anchors.md §1: 2 rps unless the handler says otherwise; bursts are not
                // published for the per-API rates, so 5 is assumed.
                DefaultRateLimit = new RateLimit(2, 5),
            },
            new()
            {
                Model = ServiceModel.Load("route53-recovery-control-config-2020-11-02.min.json", "com.amazonaws.route53recoverycontrolconfig"),
                Handlers = handlers[ArcControlConfig],
                MessageMember = "message",
                CoralNamespace = "com.amazonaws.route53recoverycontrolconfig",
                ValidationErrorCode = _ => "ValidationException",
                ThrottlingErrorCode = "ThrottlingException",
            },
            new()
            {
                Model = ServiceModel.Load("route53-recovery-cluster-2019-12-02.min.json", "com.amazonaws.route53recoverycluster"),
                Handlers = handlers[ArcCluster],
                MessageMember = "message",
                CoralNamespace = "com.amazonaws.route53recoverycluster",
                ValidationErrorCode = _ => "ValidationException",
                ThrottlingErrorCode = "ThrottlingException",
                RateLimitPerArcEndpoint = true,
            },
        };
        foreach (var definition in definitions)
        {
            if (definition.Handlers.Keys.FirstOrDefault(op => !definition.Model.Operations.ContainsKey(op)) is { } unknown)
            {
                throw new InvalidOperationException($"{definition.SigningName} has a handler for {unknown}, which its service model does not have");
            }
        }

        return definitions.ToDictionary(d => d.SigningName, StringComparer.Ordinal);
    }
}
