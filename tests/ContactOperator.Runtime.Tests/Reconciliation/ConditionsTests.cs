using ContactOperator.Runtime.Reconciliation;
using k8s.Models;

namespace ContactOperator.Runtime.Tests.Reconciliation;

public class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public void A_new_condition_gets_the_current_time_truncated_to_seconds()
    {
        var conditions = Conditions.Set(null, "Ready", ConditionStatus.False, "Creating", "creating the queue", 1, T0);

        var ready = Assert.Single(conditions);
        Assert.Equal(new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc), ready.LastTransitionTime);
        Assert.Equal(1, ready.ObservedGeneration);
        Assert.Equal("Creating", ready.Reason);
    }

    [Fact]
    public void Same_status_keeps_the_transition_time_but_updates_reason_message_and_generation()
    {
        var first = Conditions.Set(null, "Ready", ConditionStatus.False, "Creating", "a", 1, T0);
        var second = Conditions.Set(first, "Ready", ConditionStatus.False, "WaitingForDependency", "b", 2, T0.AddMinutes(5));

        var ready = Assert.Single(second);
        Assert.Equal(first[0].LastTransitionTime, ready.LastTransitionTime);
        Assert.Equal("WaitingForDependency", ready.Reason);
        Assert.Equal("b", ready.Message);
        Assert.Equal(2, ready.ObservedGeneration);
    }

    [Fact]
    public void A_status_change_moves_the_transition_time()
    {
        var first = Conditions.Set(null, "Ready", ConditionStatus.False, "Creating", "a", 1, T0);
        var second = Conditions.Set(first, "Ready", ConditionStatus.True, "Available", "ok", 1, T0.AddMinutes(5));

        Assert.Equal(T0.AddMinutes(5).UtcDateTime.AddMilliseconds(-250), second[0].LastTransitionTime);
        Assert.True(Conditions.IsTrue(second, "Ready", generation: 1));
        Assert.False(Conditions.IsTrue(second, "Ready", generation: 2));
    }

    [Fact]
    public void Setting_returns_a_copy_and_leaves_the_input_and_other_conditions_alone()
    {
        var original = new List<V1Condition>
        {
            new() { Type = "Synced", Status = "True", Reason = "Ok", Message = "", LastTransitionTime = T0.UtcDateTime },
            new() { Type = "Ready", Status = "False", Reason = "Creating", Message = "", LastTransitionTime = T0.UtcDateTime },
        };

        var updated = Conditions.Set(original, "Ready", ConditionStatus.True, "Available", "", 3, T0.AddHours(1));

        Assert.Equal("False", original[1].Status);
        Assert.Equal(["Synced", "Ready"], updated.Select(c => c.Type));
        Assert.Equal("True", updated[1].Status);
        Assert.NotSame(original[0], updated[0]);
        Assert.Equal(original[0], updated[0]);
    }

    [Fact]
    public void Status_other_than_True_False_Unknown_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Conditions.Set(null, "Ready", "true", "R", "", 1, T0));
        Assert.Contains("True, False or Unknown", e.Message);
    }
}
