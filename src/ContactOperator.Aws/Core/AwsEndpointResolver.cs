namespace ContactOperator.Aws.Core;

/// <summary>
/// Endpoint selection as the AWS SDKs do it: explicit <see cref="AwsClientOptions.ServiceUrl"/>, then the
/// service-specific <c>AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt;</c>, then <c>AWS_ENDPOINT_URL</c> (both ignored when
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>), then the regional AWS endpoint.
/// </summary>
public static class AwsEndpointResolver
{
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreConfiguredEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>The configured override (option or environment), or null when requests go to AWS.</summary>
    public static Uri? ConfiguredOverride(AwsServiceDescriptor service, AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ServiceUrl is not null)
        {
            return options.ServiceUrl;
        }

        var env = options.EnvironmentVariables ?? Environment.GetEnvironmentVariable;
        if (string.Equals(env(IgnoreConfiguredEndpointsVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var variable in new[] { service.EndpointVariable, GlobalEndpointVariable })
        {
            var value = env(variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"Environment variable {variable}='{value}' is not an absolute http(s) URL.");
            }

            return url;
        }

        return null;
    }

    /// <summary>The endpoint for <paramref name="signingRegion"/>: the override if configured, else <c>https://prefix.region.amazonaws.com</c>.</summary>
    public static AwsEndpoint Resolve(AwsServiceDescriptor service, AwsClientOptions options, string signingRegion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingRegion);
        var url = ConfiguredOverride(service, options) ?? DefaultUrl(service.EndpointPrefix, signingRegion);
        return new AwsEndpoint(url, signingRegion);
    }

    /// <summary>The public AWS endpoint of a service in a Region (China Regions use <c>amazonaws.com.cn</c>).</summary>
    public static Uri DefaultUrl(string endpointPrefix, string region)
    {
        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{endpointPrefix}.{region}.{domain}");
    }
}
