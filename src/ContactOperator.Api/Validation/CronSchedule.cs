using System.Globalization;

namespace ContactOperator.Api.Validation;

/// <summary>Five-field cron syntax check (minute hour day-of-month month day-of-week; numbers, *, ranges, lists, steps).</summary>
public static class CronSchedule
{
    private static readonly (int Min, int Max)[] Ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];

    public static bool IsValid(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 && fields.Select((f, i) => FieldIsValid(f, Ranges[i])).All(ok => ok);
    }

    private static bool FieldIsValid(string field, (int Min, int Max) range) =>
        field.Split(',').All(part => PartIsValid(part, range));

    private static bool PartIsValid(string part, (int Min, int Max) range)
    {
        var stepSplit = part.Split('/');
        if (stepSplit.Length > 2 || (stepSplit.Length == 2 && !(int.TryParse(stepSplit[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step > 0)))
        {
            return false;
        }
        var body = stepSplit[0];
        if (body == "*")
        {
            return true;
        }
        var bounds = body.Split('-');
        if (bounds.Length > 2)
        {
            return false;
        }
        var numbers = new List<int>();
        foreach (var bound in bounds)
        {
            if (!int.TryParse(bound, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < range.Min || n > range.Max)
            {
                return false;
            }
            numbers.Add(n);
        }
        return numbers.Count == 1 || numbers[0] <= numbers[1];
    }
}
