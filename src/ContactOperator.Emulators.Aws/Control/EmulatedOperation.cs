namespace ContactOperator.Emulators.Aws;

/// <summary>An operation the emulator answers, with its HTTP binding from the official service model.</summary>
/// <param name="Service">SigV4 signing name (connect, route53-recovery-control-config, route53-recovery-cluster).</param>
/// <param name="Operation">Operation name, e.g. CreateQueue.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="RequestUri">URI template (rest-json) or the X-Amz-Target value (json 1.0).</param>
public sealed record EmulatedOperation(string Service, string Operation, string Method, string RequestUri);
