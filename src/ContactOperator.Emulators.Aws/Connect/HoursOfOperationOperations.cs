using System.Text.Json.Nodes;
using ContactOperator.Emulators.Aws.Http;
using ContactOperator.Emulators.Aws.Json;

namespace ContactOperator.Emulators.Aws.Connect;

/// <summary>Create/Describe/Update/Delete/ListHoursOfOperations.</summary>
[EmulatedService(ServiceRegistry.Connect)]
internal static class HoursOfOperationOperations
{
    private const int PerInstanceQuota = 100;

    private static readonly string[] Days = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

    [Operation("CreateHoursOfOperation")]
    private static JsonObject Create(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var hoursById = instance.Configuration.Hours;
        var name = input.ReqStr("Name");
        ValidateFields(context, input);
        ConnectLookup.EnsureUniqueName(context, hoursById.Values, name, "hours of operation");
        if (hoursById.Count >= PerInstanceQuota)
        {
            throw context.Error("ServiceQuotaExceededException", $"The quota of {PerInstanceQuota} hours of operation per instance has been reached.");
        }

        var hours = new HoursOfOperationRecord
        {
            Id = ConnectLookup.NewId(),
            Name = name,
            Description = input.Str("Description"),
            TimeZone = input.ReqStr("TimeZone"),
            Config = (JsonArray)input["Config"]!.DeepClone(),
            Tags = ConnectLookup.Tags(context, input),
        };
        hours.Touch(context.Now, context.Region);
        hoursById[hours.Id] = hours;
        return new JsonObject { ["HoursOfOperationId"] = hours.Id, ["HoursOfOperationArn"] = instance.HoursArn(hours.Id) };
    }

    [Operation("DescribeHoursOfOperation")]
    private static JsonObject Describe(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var hours = ConnectLookup.Hours(context, instance, input.ReqStr("HoursOfOperationId"));
        return new JsonObject
        {
            ["HoursOfOperation"] = new JsonObject
            {
                ["HoursOfOperationId"] = hours.Id,
                ["HoursOfOperationArn"] = instance.HoursArn(hours.Id),
                ["Name"] = hours.Name,
                ["Description"] = hours.Description,
                ["TimeZone"] = hours.TimeZone,
                ["Config"] = hours.Config.DeepClone(),
                ["Tags"] = hours.Tags.ToJson(),
                ["LastModifiedTime"] = JsonInput.Epoch(hours.LastModifiedTime),
                ["LastModifiedRegion"] = hours.LastModifiedRegion,
            },
        };
    }

    [Operation("UpdateHoursOfOperation")]
    private static JsonObject Update(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var hours = ConnectLookup.Hours(context, instance, input.ReqStr("HoursOfOperationId"));
        ValidateFields(context, input);
        if (input.Str("Name") is { } name)
        {
            ConnectLookup.EnsureUniqueName(context, instance.Configuration.Hours.Values, name, "hours of operation", hours.Id);
            hours.Name = name;
        }

        hours.Description = input.Str("Description") ?? hours.Description;
        hours.TimeZone = input.Str("TimeZone") ?? hours.TimeZone;
        if (input.Arr("Config") is { } config)
        {
            hours.Config = (JsonArray)config.DeepClone();
        }

        hours.Touch(context.Now, context.Region);
        return [];
    }

    [Operation("DeleteHoursOfOperation")]
    private static JsonObject Delete(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var hours = ConnectLookup.Hours(context, instance, input.ReqStr("HoursOfOperationId"));
        var user = instance.Configuration.Queues.Values.FirstOrDefault(q => q.HoursOfOperationId == hours.Id);
        if (user is not null)
        {
            throw context.Error("InvalidRequestException", $"Hours of operation {hours.Id} is in use by queue {user.Id} ({user.Name}).");
        }

        instance.Configuration.Hours.Remove(hours.Id);
        return [];
    }

    [Operation("ListHoursOfOperations")]
    private static JsonObject List(OperationContext context, JsonObject input)
    {
        var instance = ConnectLookup.ActiveInstance(context, input);
        var ordered = instance.Configuration.Hours.Values.OrderBy(h => h.Name, StringComparer.Ordinal);
        var (page, next) = Paging.Page(context, ordered, input, 100, 1000);
        return new JsonObject
        {
            ["HoursOfOperationSummaryList"] = new JsonArray([.. page.Select(h => (JsonNode)new JsonObject
            {
                ["Id"] = h.Id,
                ["Arn"] = instance.HoursArn(h.Id),
                ["Name"] = h.Name,
                ["LastModifiedTime"] = JsonInput.Epoch(h.LastModifiedTime),
                ["LastModifiedRegion"] = h.LastModifiedRegion,
            })]),
        }.WithToken(next);
    }

    private static void ValidateFields(OperationContext context, JsonObject input)
    {
        ConnectLookup.RequireLength(context, input.Str("Name"), "name", 1, 127);
        ConnectLookup.RequireLength(context, input.Str("Description"), "description", 1, 250);
        if (input.Str("TimeZone") is { } zone && zone != "UTC" && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw context.Invalid($"Invalid time zone '{zone}'.");
        }

        if (input.Arr("Config") is not { } config)
        {
            return;
        }

        if (config.Count > 100)
        {
            throw context.Invalid("1 validation error detected: Value at 'config' failed to satisfy constraint: Member must have length less than or equal to 100");
        }

        foreach (var entry in config.OfType<JsonObject>())
        {
            ConnectLookup.RequireOneOf(context, entry.Str("Day"), "config.member.day", Days);
            foreach (var bound in new[] { "StartTime", "EndTime" })
            {
                var time = entry.Obj(bound)!;
                if (time.Int("Hours") is not (>= 0 and <= 23) || time.Int("Minutes") is not (>= 0 and <= 59))
                {
                    throw context.Invalid($"Invalid {bound} in hours of operation config: hours must be 0-23 and minutes 0-59.");
                }
            }
        }
    }
}
