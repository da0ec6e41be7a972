using System.Text.Json.Nodes;
using ContactOperator.Runtime.Events;
using ContactOperator.Runtime.Reconciliation;
using ContactOperator.Runtime.Resources;
using ContactOperator.Runtime.Tests.Support;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace ContactOperator.Runtime.Tests.Integration;

public class HelperTests
{
    private static readonly ObjectKey A = new("default", "a");

    [Fact]
    public async Task The_status_writer_patches_only_status_sets_conditions_and_skips_no_op_writes()
    {
        await using var cluster = await TestCluster.StartAsync();
        var writer = new StatusWriter<Widget>(cluster.Widgets);
        var widget = await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var status = new WidgetStatus
        {
            ObservedGeneration = widget.Metadata.Generation,
            Phase = "Creating",
            Conditions = Conditions.Set(null, "Ready", ConditionStatus.False, "Creating", "creating", widget.Metadata.Generation, t0),
        };
        var written = await writer.WriteAsync(widget, status);
        Assert.Equal(1, written.Metadata.Generation);
        Assert.NotEqual(widget.Metadata.ResourceVersion, written.Metadata.ResourceVersion);

        // Writing the same status again costs no API call: the resourceVersion stays.
        var again = await writer.WriteAsync(written, written.Status);
        Assert.Same(written, again);
        Assert.Equal(written.Metadata.ResourceVersion, (await cluster.Widgets.GetAsync(A)).Metadata.ResourceVersion);

        // Same condition status later: transition time kept on the server; a flip moves it.
        var later = written.Status! with { Conditions = Conditions.Set(written.Status!.Conditions, "Ready", ConditionStatus.False, "Waiting", "still", 1, t0.AddMinutes(3)) };
        written = await writer.WriteAsync(written, later);
        Assert.Equal(t0.UtcDateTime, written.Status!.Conditions![0].LastTransitionTime);
        Assert.Equal("Waiting", written.Status.Conditions[0].Reason);
        var flipped = written.Status with { Phase = null, Conditions = Conditions.Set(written.Status.Conditions, "Ready", ConditionStatus.True, "Available", "ok", 1, t0.AddMinutes(5)) };
        written = await writer.WriteAsync(written, flipped);
        Assert.Equal(t0.AddMinutes(5).UtcDateTime, written.Status!.Conditions![0].LastTransitionTime);
        Assert.Null(written.Status.Phase);
        Assert.Equal(1, written.Spec.Size);
    }

    [Fact]
    public async Task Finalizers_are_added_once_and_removing_the_last_one_completes_deletion()
    {
        await using var cluster = await TestCluster.StartAsync();
        const string Finalizer = "test.contact-operator.io/cleanup";
        var widget = await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));

        widget = await cluster.Widgets.AddFinalizerAsync(widget, Finalizer);
        var unchanged = await cluster.Widgets.AddFinalizerAsync(widget, Finalizer);
        Assert.Same(widget, unchanged);
        Assert.Equal([Finalizer], widget.Metadata.Finalizers);

        await cluster.Widgets.DeleteAsync(A);
        var deleting = await cluster.Widgets.GetAsync(A);
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);

        await cluster.Widgets.RemoveFinalizerAsync(deleting, Finalizer);
        Assert.Null(await cluster.Widgets.TryGetAsync(A));
    }

    [Fact]
    public async Task A_stale_finalizer_patch_conflicts_instead_of_overwriting()
    {
        await using var cluster = await TestCluster.StartAsync();
        var stale = await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));
        await cluster.Widgets.PatchAsync(A, JsonNode.Parse("""{"metadata":{"finalizers":["someone.else/keep"]}}""")!);

        await Assert.ThrowsAsync<ResourceConflictException>(() => cluster.Widgets.AddFinalizerAsync(stale, "test.contact-operator.io/cleanup"));
        Assert.Equal(["someone.else/keep"], (await cluster.Widgets.GetAsync(A)).Metadata.Finalizers);
    }

    [Fact]
    public async Task Repeated_events_become_one_event_with_a_series_count()
    {
        await using var cluster = await TestCluster.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var recorder = new EventRecorder(cluster.Client, "contact-operator.io/test", "replica-1", time);
        var widget = await cluster.Widgets.CreateAsync(Widget.New("default", "a", 1));

        await recorder.NormalAsync(widget, "Created", "Create", "created queue q-1 in AWS");
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            await recorder.WarningAsync(widget, "Throttled", "Update", "AWS throttled UpdateQueue");
        }

        var events = (await cluster.Client.EventsV1.ListNamespacedEventAsync("default")).Items;
        Assert.Equal(2, events.Count);
        var created = Assert.Single(events, e => e.Reason == "Created");
        Assert.Equal("Normal", created.Type);
        Assert.Equal("Create", created.Action);
        Assert.Equal("contact-operator.io/test", created.ReportingController);
        Assert.Equal("replica-1", created.ReportingInstance);
        Assert.Equal(widget.Metadata.Uid, created.Regarding.Uid);
        Assert.Equal("Widget", created.Regarding.Kind);
        Assert.Null(created.Series);

        var throttled = Assert.Single(events, e => e.Reason == "Throttled");
        Assert.Equal("Warning", throttled.Type);
        Assert.Equal(4, throttled.Series!.Count);
        Assert.Equal(time.GetUtcNow().UtcDateTime, throttled.Series.LastObservedTime);

        // After the series window a repeat starts a new event.
        time.Advance(EventRecorder.SeriesWindow + TimeSpan.FromSeconds(1));
        await recorder.WarningAsync(widget, "Throttled", "Update", "AWS throttled UpdateQueue");
        Assert.Equal(2, (await cluster.Client.EventsV1.ListNamespacedEventAsync("default")).Items.Count(e => e.Reason == "Throttled"));
    }

    [Fact]
    public async Task Recording_an_event_never_throws_into_the_reconcile()
    {
        await using var cluster = await TestCluster.StartAsync();
        var recorder = new EventRecorder(cluster.Client, "contact-operator.io/test", "replica-1");
        var ghost = Widget.New("no-such-namespace", "a", 1);

        await recorder.NormalAsync(ghost, "Created", "Create", "note");
    }
}
