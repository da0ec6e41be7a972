using ContactOperator.Aws.Core;
using ContactOperator.Controllers;
using ContactOperator.Kinds;
using ContactOperator.Kinds.Contract;
using ContactOperator.Runtime.Hosting;

namespace ContactOperator.Hosting;

/// <summary>The controllers `contact-operator run` starts.</summary>
public static class ControllerRegistrations
{
    /// <summary>Every registration: the controllers of every kind in <see cref="KindCatalog"/>, with the kinds' settings.</summary>
    public static IReadOnlyList<IControllerRegistration> All(KindSettings? settings = null) =>
    [
        new ContactCenterControllers(DefaultAws()) { Settings = settings ?? KindSettings.Defaults },
    ];

    /// <summary>
    /// AWS settings from the environment, as the AWS SDKs read them: region from AWS_REGION / AWS_DEFAULT_REGION
    /// (each resource names its own region; this is only the default), credentials from the default chain (IRSA,
    /// pod identity, env, profile, IMDS), endpoints from AWS_ENDPOINT_URL[_CONNECT].
    /// </summary>
    public static AwsClientOptions DefaultAws() => new()
    {
        Region = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region
            : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback : "us-east-1",
    };
}
