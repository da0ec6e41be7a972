using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ContactOperator.Emulators.Kubernetes.Crd;

/// <summary>The OpenAPI <c>format</c> values the apiextensions server checks; unknown formats pass.</summary>
internal static partial class FormatChecker
{
    public static bool IsValid(string format, string value) => format switch
    {
        "date-time" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        "date" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" => Guid.TryParse(value, out _),
        "ipv4" => IPAddress.TryParse(value, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork,
        "ipv6" => IPAddress.TryParse(value, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        "hostname" => Hostname().IsMatch(value),
        "email" => value.Contains('@', StringComparison.Ordinal),
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
        "byte" => IsBase64(value),
        _ => true,
    };

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex Hostname();
}
