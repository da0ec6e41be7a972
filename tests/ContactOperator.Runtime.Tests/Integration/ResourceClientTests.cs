using System.Text.Json.Nodes;
using ContactOperator.Runtime.Resources;
using ContactOperator.Runtime.Tests.Support;

namespace ContactOperator.Runtime.Tests.Integration;

public class ResourceClientTests
{
    [Fact]
    public async Task Create_get_list_replace_patch_and_delete_round_trip()
    {
        await using var cluster = await TestCluster.StartAsync();
        var widgets = cluster.Widgets;

        var created = await widgets.CreateAsync(Widget.New("default", "a", size: 3));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(3, (await widgets.GetAsync(new ObjectKey("default", "a"))).Spec.Size);

        created.Spec.Size = 4;
        var replaced = await widgets.ReplaceAsync(created);
        Assert.Equal(2, replaced.Metadata.Generation);

        var patched = await widgets.PatchAsync(new ObjectKey("default", "a"), JsonNode.Parse("""{"spec":{"size":5}}""")!);
        Assert.Equal(5, patched.Spec.Size);

        await widgets.CreateAsync(Widget.New("default", "b"));
        var list = await widgets.ListAsync("default");
        Assert.Equal(["a", "b"], list.Items.Select(w => w.Metadata.Name).Order());
        Assert.False(string.IsNullOrEmpty(list.Metadata.ResourceVersion));

        Assert.True(await widgets.DeleteAsync(new ObjectKey("default", "a")));
        Assert.False(await widgets.DeleteAsync(new ObjectKey("default", "a")));
        Assert.Null(await widgets.TryGetAsync(new ObjectKey("default", "a")));
    }

    [Fact]
    public async Task Errors_are_typed_not_found_already_exists_conflict()
    {
        await using var cluster = await TestCluster.StartAsync();
        var widgets = cluster.Widgets;

        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => widgets.GetAsync(new ObjectKey("default", "nope")));
        Assert.Contains("nope", missing.Message);

        var a = await widgets.CreateAsync(Widget.New("default", "a"));
        await Assert.ThrowsAsync<ResourceAlreadyExistsException>(() => widgets.CreateAsync(Widget.New("default", "a")));

        await widgets.PatchAsync(new ObjectKey("default", "a"), JsonNode.Parse("""{"spec":{"size":9}}""")!);
        a.Spec.Size = 2;
        await Assert.ThrowsAsync<ResourceConflictException>(() => widgets.ReplaceAsync(a));
    }

    [Fact]
    public async Task A_status_patch_changes_only_status_and_does_not_bump_generation()
    {
        await using var cluster = await TestCluster.StartAsync();
        var widgets = cluster.Widgets;
        await widgets.CreateAsync(Widget.New("default", "a", size: 1));

        var patched = await widgets.PatchStatusAsync(
            new ObjectKey("default", "a"), JsonNode.Parse("""{"status":{"phase":"Ready"},"spec":{"size":99}}""")!);

        Assert.Equal("Ready", patched.Status?.Phase);
        Assert.Equal(1, patched.Spec.Size);
        Assert.Equal(1, patched.Metadata.Generation);
    }
}
