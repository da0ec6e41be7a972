using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace ContactOperator.Aws.Core;

/// <summary>
/// The AWSSDK.Core <see cref="ClientConfig"/> of one of our services: service id, signing name and version, as the
/// generated AWS SDK configs carry them. It feeds AWSSDK.Core's SigV4 signer and credential chain; endpoint
/// resolution is ours (<see cref="AwsEndpointResolver"/>), so the v4 endpoint-rules hook is not used.
/// </summary>
internal sealed class AwsSigningClientConfig : ClientConfig
{
    private static readonly IDefaultConfiguration[] Standard =
    [
        new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard },
    ];

    private readonly AwsServiceDescriptor _service;

    public AwsSigningClientConfig(AwsServiceDescriptor service)
        : base(new DefaultConfigurationProvider(Standard))
    {
        _service = service;
        ServiceId = service.ServiceId;
        AuthenticationServiceName = service.SigningName;
    }

    public override string RegionEndpointServiceName => _service.EndpointPrefix;

    public override string ServiceVersion => _service.ApiVersion;

    public override string UserAgent => "contact-operator";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        throw new NotSupportedException("ContactOperator.Aws resolves endpoints itself (AwsEndpointResolver).");
}
