namespace ContactOperator.Api.Validation;

/// <summary>
/// IANA time zone names as Amazon Connect takes them: exact, case-sensitive (Europe/Berlin, not europe/berlin). .NET's
/// own lookup is not a check: once a zone is cached it also answers to other casings, and with ICU to Windows names.
/// </summary>
public static class IanaTimeZones
{
    /// <summary>
    /// What is wrong with <paramref name="name"/> (to follow the name in a message: "is not …"), with the right spelling
    /// when there is one; null when it is an IANA time zone name.
    /// </summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId && string.Equals(zone.Id, name, StringComparison.Ordinal))
        {
            return null;
        }
        var spelled = zone is { HasIanaId: true } && string.Equals(zone.Id, name, StringComparison.OrdinalIgnoreCase)
            ? zone.Id
            : TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => z.HasIanaId && string.Equals(z.Id, name, StringComparison.OrdinalIgnoreCase))?.Id;
        if (spelled is not null)
        {
            return $"is not an IANA time zone name: IANA names are case-sensitive, the name is {spelled}";
        }
        return zone is { HasIanaId: false } && TimeZoneInfo.TryConvertWindowsIdToIanaId(name, out var iana)
            ? $"is a Windows time zone name; the IANA name is {iana}"
            : "is not a known IANA time zone (for example America/New_York)";
    }
}
