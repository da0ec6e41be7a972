using System.Text;
using System.Text.Json.Nodes;
using ContactOperator.Admission;
using ContactOperator.Admission.Webhooks;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Tests.Admission;

/// <summary>
/// Property-based tests (CsCheck) of the webhooks' request handling and of reading every kind's spec: AdmissionReviews
/// built from the samples with random parts replaced, removed or retyped, and bodies that are not reviews at all.
/// Whatever arrives, the handler answers 200 (a decision whose status code is 4xx when it denies) or 400 with a
/// reason, and the rules never throw. Bounded: a fixed number of cases per run, each a few milliseconds.
/// </summary>
public class AdmissionReviewPropertyTests
{
    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency(
        (2, Gen.String.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf("", "us-east-1", "us-west-2", "eu-west-2", "VOICE", "CREATE", "UPDATE", "FailoverPlan", "Queue", "support", "billing",
            "PCI", "HIPAA", "GDPR", "CHAT_TRANSCRIPTS", "ShiftingTraffic", "00:00", "24:00", "🙂", new string('a', 300)).Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const<JsonNode?>(() => null)));

    private static Gen<JsonNode?> Json(int depth) => depth == 0 ? Leaf : Gen.Frequency(
        (4, Leaf),
        (1, Json(depth - 1).Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))),
        (1, Gen.Select(Gen.OneOf("spec", "status", "metadata", "name", "region", "x"), Json(depth - 1)).Array[0, 3]
            .Select(members => (JsonNode?)new JsonObject(members.DistinctBy(m => m.Item1).Select(m => KeyValuePair.Create(m.Item1, m.Item2))))));

    /// <summary>Members a spec or status may have, so that added members reach rules the samples do not exercise.</summary>
    private static readonly Gen<string> Members = Gen.OneOf("compliance", "storageConfigs", "kmsKeyId", "s3", "resourceType", "status", "inProgress", "phase",
        "queueRef", "queueConfigs", "activeRegion", "replica", "arc", "routingControls", "safetyRules", "annotations", "adopt", "escalation", "serviceNow",
        "tiers", "threshold", "config", "startTime", "endTime", "timeZone", "mediaConcurrencies", "channel", "concurrency", "drill", "schedule");

    /// <summary>What to do to one node of a review: replace it, remove it, empty it, or add a member beside it.</summary>
    private sealed record Mutation(int Target, int Action, string Member, JsonNode? Replacement);

    /// <summary>Values that switch rules on: compliance profiles, a move in progress, an unencrypted storage config.</summary>
    private static readonly Gen<JsonNode?> Interesting = Gen.OneOf(
        """["PCI"]""", """["HIPAA","GDPR"]""", """["GDPR"]""", """{"fromRegion":"us-east-1","toRegion":"us-west-2","step":"ShiftingTraffic"}""",
        """{"phase":"ShiftingTraffic","inProgress":{}}""", """[{"resourceType":"CHAT_TRANSCRIPTS","s3":null}]""", """[{"resourceType":"CALL_RECORDINGS","s3":{"bucketName":"b","bucketPrefix":"p"}}]""",
        """{"name":"sales"}""", """[]""", """{}""", """[null]""", """{"region":"eu-west-2"}""").Select(text => JsonNode.Parse(text));

    private static readonly Gen<Mutation> Mutations = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 3], Members, Gen.Frequency((3, Json(2)), (2, Interesting)),
        (t, a, m, r) => new Mutation(t, a, m, r));

    private static readonly Gen<byte[]> Reviews = Gen.Select(Gen.Int[0, AdmissionSamples.Reviews.Count - 1], Mutations.Array[1, 4])
        .Select((index, mutations) => Encoding.UTF8.GetBytes(Apply(AdmissionSamples.Reviews[index], mutations).ToJsonString()));

    private static readonly Gen<byte[]> NotReviews = Gen.Frequency(
        (1, Gen.Byte.Array[0, 64]),
        (1, Json(3).Select(j => Encoding.UTF8.GetBytes(j?.ToJsonString() ?? "null"))),
        (1, Gen.Select(Gen.Int[0, AdmissionSamples.Reviews.Count - 1], Gen.Int[0, 2000])
            .Select((index, cut) => Encoding.UTF8.GetBytes(AdmissionSamples.Reviews[index].ToJsonString()).Take(cut).ToArray())));

    private static readonly ResourceAdmission Admission = new(new AdmissionSamples.Objects());

    [Fact]
    public void Mutated_reviews_of_every_kind_get_a_decision_and_the_rules_never_throw()
    {
        Reviews.Sample(body => Check(body), iter: 4000, threads: 1);
    }

    [Fact]
    public void Bodies_that_are_not_admission_reviews_get_400_with_a_reason()
    {
        NotReviews.Sample(body => Check(body), iter: 1500, threads: 1);
    }

    private static void Check(byte[] body)
    {
        var request = AdmissionReviewReader.TryRead(body, out _);
        if (request is not null)
        {
            // Straight to the rules, without the handler's safety net, so a crash in parsing a spec or in a rule shows here.
            var validated = Admission.ValidateAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(validated.Allowed || validated.Code is >= 400 and < 500, $"denied with {validated.Code}: {validated.Message}");
            var mutated = RequestedByAnnotation.Mutate(request);
            Assert.True(mutated.Allowed);
        }
        foreach (var decide in new[] { WebhookServer.Validating(Admission), WebhookServer.Mutating })
        {
            var answer = WebhookServer.AnswerAsync(body, decide, NullLogger.Instance, CancellationToken.None).GetAwaiter().GetResult();
            if (request is null)
            {
                Assert.Equal(400, answer.Status);
                Assert.StartsWith("invalid AdmissionReview: ", answer.Body, StringComparison.Ordinal);
                continue;
            }
            Assert.Equal(200, answer.Status);
            var response = JsonNode.Parse(answer.Body)!["response"]!;
            Assert.Equal(request.Uid, (string?)response["uid"]);
            if (response["patch"] is { } patch)
            {
                Assert.IsType<JsonArray>(JsonNode.Parse(Convert.FromBase64String((string)patch!)));
            }
        }
    }

    private static JsonObject Apply(JsonObject review, IEnumerable<Mutation> mutations)
    {
        var copy = (JsonObject)review.DeepClone();
        foreach (var mutation in mutations)
        {
            var slots = Slots(copy).ToList();
            if (slots.Count == 0)
            {
                copy[mutation.Member] = mutation.Replacement?.DeepClone();
                continue;
            }
            var (parent, key, index) = slots[mutation.Target % slots.Count];
            switch (mutation.Action, parent)
            {
                case (0, JsonObject o):
                    o[key!] = mutation.Replacement?.DeepClone();
                    break;
                case (0, JsonArray a):
                    a[index] = mutation.Replacement?.DeepClone();
                    break;
                case (1, JsonObject o):
                    o.Remove(key!);
                    break;
                case (1, JsonArray a):
                    a.RemoveAt(index);
                    break;
                case (2, JsonObject o):
                    o[key!] = o[key!] is JsonArray ? new JsonArray() : new JsonObject();
                    break;
                case (_, JsonObject o):
                    o[mutation.Member] = mutation.Replacement?.DeepClone();
                    break;
                case (_, JsonArray a):
                    a[index] = new JsonObject();
                    break;
            }
        }
        return copy;
    }

    /// <summary>Every member and item below the root, as (parent, key or index).</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key, -1);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, null, i);
                    if (a[i] is { } child)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }
                break;
        }
    }

    [Fact]
    public async Task The_unmutated_samples_are_allowed()
    {
        foreach (var review in AdmissionSamples.Reviews)
        {
            var request = AdmissionReviewReader.TryRead(Encoding.UTF8.GetBytes(review.ToJsonString()), out var error)!;
            Assert.True(request is not null, error);
            var decision = await Admission.ValidateAsync(request, CancellationToken.None);
            Assert.True(decision.Allowed, $"{request.Kind} {request.Name}: {decision.Message}");
            Assert.Empty(decision.Warnings);
        }
    }
}
