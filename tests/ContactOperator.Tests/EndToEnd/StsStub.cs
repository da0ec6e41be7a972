using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace ContactOperator.Tests.EndToEnd;

/// <summary>
/// AWS STS on loopback, answering AssumeRoleWithWebIdentity (awsQuery: form-encoded POST, XML answer) the way IRSA's
/// credential exchange sees it, and recording every request's form fields.
/// </summary>
public sealed class StsStub : IDisposable
{
    public const string AccessKeyId = "ASIASTSSTUBEXAMPLE01";

    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stop = new();

    private StsStub(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Endpoint);
    }

    public string Endpoint { get; }

    public ConcurrentQueue<Dictionary<string, string?>> Requests { get; } = new();

    public static StsStub Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var stub = new StsStub(port);
        stub.listener.Start();
        _ = Task.Run(stub.ServeAsync);
        return stub;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Close();
        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
            var fields = form.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => form[k]);
            Requests.Enqueue(fields);
            var body = fields.GetValueOrDefault("Action") == "AssumeRoleWithWebIdentity"
                ? AssumeRoleWithWebIdentityResponse(fields.GetValueOrDefault("RoleArn") ?? "")
                : """<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>not emulated</Message></Error></ErrorResponse>""";
            context.Response.StatusCode = body.StartsWith("<Error", StringComparison.Ordinal) ? 400 : 200;
            context.Response.ContentType = "text/xml";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static string AssumeRoleWithWebIdentityResponse(string roleArn)
    {
        var expiration = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return $"""
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <SubjectFromWebIdentityToken>system:serviceaccount:contact-system:contact-operator</SubjectFromWebIdentityToken>
                <Audience>sts.amazonaws.com</Audience>
                <AssumedRoleUser>
                  <Arn>{roleArn.Replace(":iam::", ":sts::", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal)}/session</Arn>
                  <AssumedRoleId>AROASTSSTUBEXAMPLE:session</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <SessionToken>session-token-from-sts</SessionToken>
                  <SecretAccessKey>secret-from-sts</SecretAccessKey>
                  <Expiration>{expiration}</Expiration>
                  <AccessKeyId>{AccessKeyId}</AccessKeyId>
                </Credentials>
                <Provider>arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE</Provider>
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>
            """;
    }
}
