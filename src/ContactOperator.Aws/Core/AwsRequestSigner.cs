using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;

namespace ContactOperator.Aws.Core;

/// <summary>
/// Turns an <see cref="AwsRequestBuilder"/> into a SigV4-signed <see cref="HttpRequestMessage"/> with AWSSDK.Core:
/// the request is expressed as the SDK's own <see cref="DefaultRequest"/> (resource path with path resources,
/// parameter collection, headers, content), its URL composed by <see cref="AmazonServiceClient.ComposeUrl(IRequest)"/>
/// and signed by <see cref="AWS4Signer"/>, exactly as generated AWS SDK clients do.
/// </summary>
internal sealed class AwsRequestSigner
{
    private const string SecurityTokenHeader = "X-Amz-Security-Token";
    private readonly AwsSigningClientConfig _config;
    private readonly AWS4Signer _signer = new();

    public AwsRequestSigner(AwsSigningClientConfig config) => _config = config;

    public HttpRequestMessage CreateSignedRequest(
        AwsRequestBuilder builder,
        AwsEndpoint endpoint,
        ImmutableCredentials credentials,
        DateTime signedAtUtc)
    {
        var request = new DefaultRequest(SigningOnlyRequest.Instance, _config.ServiceId)
        {
            HttpMethod = builder.HttpMethod,
            Endpoint = new Uri(endpoint.Url.GetLeftPart(UriPartial.Authority)),
            ResourcePath = CombinePath(endpoint.Url.AbsolutePath, builder.UriTemplate),
            AuthenticationRegion = endpoint.SigningRegion,
            UseQueryString = true,
        };
        foreach (var (label, value) in builder.PathLabels)
        {
            request.AddPathResource("{" + label + "}", value);
        }

        foreach (var group in builder.Query.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            var values = group.Select(p => p.Value).ToList();
            if (values.Count == 1)
            {
                request.ParameterCollection.Add(group.Key, values[0]);
            }
            else
            {
                request.ParameterCollection.Add(group.Key, values);
            }
        }

        foreach (var (name, value) in builder.Headers)
        {
            request.Headers[name] = value;
        }

        if (builder.Body is not null)
        {
            request.Content = builder.Body;
            request.Headers["Content-Type"] = builder.ContentType ?? "application/json";
        }

        if (credentials.UseToken)
        {
            request.Headers[SecurityTokenHeader] = credentials.Token;
        }

        var url = AmazonServiceClient.ComposeUrl(request);
        var result = _signer.SignRequest(request, _config, new RequestMetrics(), credentials.AccessKey, credentials.SecretKey, signedAtUtc);
        request.Headers["Authorization"] = result.ForAuthorizationHeader;

        var message = new HttpRequestMessage(new HttpMethod(builder.HttpMethod), url);
        if (builder.Body is not null)
        {
            message.Content = new ByteArrayContent(builder.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (string.Equals(name, "host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // HttpClient writes Host from the URL; it is the same value the signer used.
            }

            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (message.Content is not null && name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    message.Content.Headers.TryAddWithoutValidation(name, value);
                }

                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    private static string CombinePath(string basePath, string template)
    {
        var trimmed = basePath.TrimEnd('/');
        return trimmed.Length == 0 ? template : trimmed + (template == "/" ? string.Empty : template);
    }

    private sealed class SigningOnlyRequest : AmazonWebServiceRequest
    {
        public static readonly SigningOnlyRequest Instance = new();
    }
}
