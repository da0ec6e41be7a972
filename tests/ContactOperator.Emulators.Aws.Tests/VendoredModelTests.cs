namespace ContactOperator.Emulators.Aws.Tests;

/// <summary>
/// The emulator embeds its own copies of the AWS service models (so it runs, in local mode too, without npm); they
/// must be the very models the clients are generated from, the pinned npm aws-sdk's apis/.
/// </summary>
public sealed class VendoredModelTests
{
    [Fact]
    public void Embedded_models_are_byte_for_byte_the_pinned_npm_models()
    {
        var vendored = Directory.GetFiles(RepoPaths.Of("src", "ContactOperator.Emulators.Aws", "Models"), "*.min.json").Order().ToList();
        Assert.Equal(
            ["connect-2017-08-08.min.json", "route53-recovery-cluster-2019-12-02.min.json", "route53-recovery-control-config-2020-11-02.min.json"],
            vendored.Select(Path.GetFileName));
        foreach (var file in vendored)
        {
            var pinned = Path.Combine(RepoPaths.AwsModels, Path.GetFileName(file));
            Assert.True(
                File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(pinned)),
                $"{file} differs from {pinned}; copy the pinned model over it (and regenerate the clients: bash eng/codegen/generate.sh)");
        }
    }
}
