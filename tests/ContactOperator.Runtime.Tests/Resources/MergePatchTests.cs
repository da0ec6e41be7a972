using System.Text.Json.Nodes;
using ContactOperator.Runtime.Resources;

namespace ContactOperator.Runtime.Tests.Resources;

public class MergePatchTests
{
    [Fact]
    public void Only_changed_and_removed_members_are_in_the_patch()
    {
        var before = JsonNode.Parse("""{"id":"q-1","arn":"a","nested":{"x":1,"y":2},"list":[1,2]}""");
        var after = JsonNode.Parse("""{"id":"q-1","nested":{"x":1,"y":3},"list":[1,2,3],"region":"eu-west-1"}""");

        var patch = MergePatch.Create(before, after)!.ToJsonString();

        Assert.Equal("""{"arn":null,"nested":{"y":3},"list":[1,2,3],"region":"eu-west-1"}""", patch);
    }

    [Fact]
    public void Equal_documents_give_an_empty_patch()
    {
        var doc = JsonNode.Parse("""{"a":{"b":[1,{"c":2}]}}""");
        Assert.True(MergePatch.IsEmpty(MergePatch.Create(doc, doc!.DeepClone())));
    }

    [Fact]
    public void A_missing_original_patches_to_the_whole_new_document()
    {
        var after = JsonNode.Parse("""{"a":1}""");
        Assert.Equal("""{"a":1}""", MergePatch.Create(null, after)!.ToJsonString());
    }
}
