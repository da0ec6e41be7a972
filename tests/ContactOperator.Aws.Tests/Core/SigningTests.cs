using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using ContactOperator.Aws.Connect;
using ContactOperator.Aws.Tests.Support;

namespace ContactOperator.Aws.Tests.Core;

/// <summary>
/// Requests signed by our pipeline (AWSSDK.Core's AWS4Signer) carry the same SigV4 signature the official AWS JS SDK
/// (@smithy/signature-v4) computes for the same request: path labels with ARNs, repeated query parameters, bodies,
/// session tokens.
/// </summary>
public sealed class SigningTests
{
    [Fact]
    public async Task Signature_matches_the_AWS_JS_SDK_for_a_query_with_repeated_parameters()
    {
        var request = await CaptureAsync(client => client.ListQueuesAsync(new ListQueuesRequest
        {
            InstanceId = "11111111-2222-3333-4444-555555555555",
            QueueTypes = [QueueType.Standard, QueueType.Agent],
            NextToken = "a b/c+d=",
            MaxResults = 5,
        }));

        await AssertJsSdkSignatureMatchesAsync(request, TestClients.FakeCredentials.GetCredentials(), "us-east-1");
    }

    [Fact]
    public async Task Signature_matches_the_AWS_JS_SDK_for_an_arn_in_the_path_with_a_body_and_a_session_token()
    {
        var credentials = new SessionAWSCredentials("ASIAEXAMPLE", "secretExample/Key+1", "FwoGZXIvYXdzEXAMPLE//token==");
        var request = await CaptureAsync(
            client => client.TagResourceAsync(new TagResourceRequest
            {
                ResourceArn = "arn:aws:connect:us-west-2:123456789012:instance/abc/queue/def",
                Tags = new Dictionary<string, string> { ["team"] = "contact center", ["cost-center"] = "42" },
            }),
            credentials,
            "us-west-2");

        Assert.Equal("FwoGZXIvYXdzEXAMPLE//token==", request.Headers["X-Amz-Security-Token"]);
        Assert.Equal("/tags/arn%3Aaws%3Aconnect%3Aus-west-2%3A123456789012%3Ainstance%2Fabc%2Fqueue%2Fdef", request.Uri.AbsolutePath);
        await AssertJsSdkSignatureMatchesAsync(request, credentials.GetCredentials(), "us-west-2");
    }

    [Fact]
    public async Task Signing_time_comes_from_the_TimeProvider()
    {
        var request = await CaptureAsync(client => client.DescribeInstanceAsync(new DescribeInstanceRequest { InstanceId = "i-1" }));

        Assert.Equal("20261124T050000Z", request.Headers["X-Amz-Date"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/connect/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }

    private static async Task<RecordedRequest> CaptureAsync<T>(Func<ConnectClient, Task<T>> call, AWSCredentials? credentials = null, string region = "us-east-1")
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.OK, "{}");
        var options = TestClients.Options(TestClients.NewClock(), serviceUrl: new Uri("http://127.0.0.1:4566"), handler: handler, region: region);
        using var client = new ConnectClient(options with { Credentials = credentials ?? TestClients.FakeCredentials });
        await call(client);
        return Assert.Single(handler.Requests);
    }

    private static async Task AssertJsSdkSignatureMatchesAsync(RecordedRequest request, ImmutableCredentials credentials, string region)
    {
        var authorization = request.Headers["Authorization"];
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var headers = new JsonObject();
        foreach (var name in signedHeaders)
        {
            headers[name] = name == "host" ? request.Uri.Authority : request.Headers[name];
        }

        var query = new JsonObject();
        foreach (var group in (request.Uri.Query.TrimStart('?').Length == 0 ? [] : request.Uri.Query.TrimStart('?').Split('&'))
                     .Select(p => p.Split('=', 2)).GroupBy(p => Uri.UnescapeDataString(p[0])))
        {
            var values = group.Select(p => (JsonNode?)JsonValue.Create(Uri.UnescapeDataString(p[1]))).ToArray();
            query[group.Key] = values.Length == 1 ? values[0] : new JsonArray(values);
        }

        var input = new JsonObject
        {
            ["method"] = request.Method.Method,
            ["hostname"] = request.Uri.Host,
            ["port"] = request.Uri.Port,
            ["path"] = request.Uri.AbsolutePath,
            ["query"] = query,
            ["headers"] = headers,
            ["body"] = request.Body,
            ["date"] = request.Headers["X-Amz-Date"],
            ["accessKeyId"] = credentials.AccessKey,
            ["secretAccessKey"] = credentials.SecretKey,
            ["sessionToken"] = credentials.Token,
            ["region"] = region,
            ["service"] = "connect",
        };

        var expected = await RunNodeSignerAsync(input.ToJsonString());
        Assert.Equal(expected, authorization);
    }

    private static async Task<string> RunNodeSignerAsync(string inputJson)
    {
        var modules = RepoPaths.NodeModules;
        RepoPaths.NodeModule("@smithy", "signature-v4");
        const string script = """
            const { SignatureV4 } = require('@smithy/signature-v4');
            const { Sha256 } = require('@aws-crypto/sha256-js');
            let raw = ''; process.stdin.on('data', d => raw += d); process.stdin.on('end', async () => {
              const i = JSON.parse(raw);
              const d = i.date; const date = new Date(Date.UTC(+d.slice(0,4), +d.slice(4,6)-1, +d.slice(6,8), +d.slice(9,11), +d.slice(11,13), +d.slice(13,15)));
              const creds = { accessKeyId: i.accessKeyId, secretAccessKey: i.secretAccessKey, sessionToken: i.sessionToken || undefined };
              const signer = new SignatureV4({ credentials: creds, region: i.region, service: i.service, sha256: Sha256 });
              const headers = Object.assign({}, i.headers); delete headers['x-amz-date']; delete headers['x-amz-security-token'];
              const out = await signer.sign({ method: i.method, protocol: 'http:', hostname: i.hostname, port: i.port, path: i.path,
                query: i.query, headers, body: i.body || undefined }, { signingDate: date });
              process.stdout.write(out.headers.authorization);
            });
            """;
        var start = new ProcessStartInfo("node", ["-e", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NODE_PATH"] = modules },
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"node is not on PATH ({ex.Message}); the signing cross-check needs Node.js 18+.");
            throw;
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(inputJson);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"node signer failed: {errors}");
            return output;
        }
    }
}
