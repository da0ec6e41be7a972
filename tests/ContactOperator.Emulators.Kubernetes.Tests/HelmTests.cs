using System.Net;
using System.Text.Json.Nodes;
using ContactOperator.Emulators.Kubernetes.Tests.Support;

namespace ContactOperator.Emulators.Kubernetes.Tests;

/// <summary>helm 4 installs, upgrades and uninstalls a small chart (CRD in crds/, built-ins and a custom resource).</summary>
public sealed class HelmTests
{
    private static string Chart => Path.Combine(TestData.Directory, "chart");

    private static void Succeeded(CliResult result, string? expected = null)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Output}");
        if (expected is not null)
        {
            Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_helm_under_test_is_helm_4()
    {
        await using var cli = await Cli.StartAsync(withWidgets: false);
        var version = await cli.HelmAsync("version", "--short");
        Succeeded(version);
        Assert.StartsWith("v4.", version.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_upgrade_and_uninstall_a_chart()
    {
        await using var cli = await Cli.StartAsync(withWidgets: false);
        var emulator = cli.Emulator;
        Succeeded(await cli.HelmAsync("install", "rel", Chart, "--namespace", "apps", "--create-namespace"), "STATUS: deployed");

        var widget = await emulator.ExpectAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1/namespaces/apps/widgets/rel-widget", null, HttpStatusCode.OK);
        Assert.Equal("red", widget["spec"]!["color"]!.GetValue<string>());
        Assert.Contains(widget["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == "helm" && m["operation"]!.GetValue<string>() == "Apply");
        await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/apps/configmaps/rel-extra", null, HttpStatusCode.OK);
        var release = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/apps/secrets/sh.helm.release.v1.rel.v1", null, HttpStatusCode.OK);
        Assert.Equal("helm.sh/release.v1", release["type"]!.GetValue<string>());
        Assert.Equal("deployed", release["metadata"]!["labels"]!["status"]!.GetValue<string>());

        Succeeded(await cli.HelmAsync("list", "--namespace", "apps"), "deployed");
        Succeeded(await cli.HelmAsync("upgrade", "rel", Chart, "--namespace", "apps", "--set", "color=blue", "--set", "extraConfig=false"), "STATUS: deployed");
        widget = await emulator.ExpectAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1/namespaces/apps/widgets/rel-widget", null, HttpStatusCode.OK);
        Assert.Equal("blue", widget["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, "/api/v1/namespaces/apps/configmaps/rel-extra")).Status);
        var first = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/apps/secrets/sh.helm.release.v1.rel.v1", null, HttpStatusCode.OK);
        Assert.Equal("superseded", first["metadata"]!["labels"]!["status"]!.GetValue<string>());
        Succeeded(await cli.HelmAsync("history", "rel", "--namespace", "apps"), "Upgrade complete");

        Succeeded(await cli.HelmAsync("uninstall", "rel", "--namespace", "apps", "--wait"), "release \"rel\" uninstalled");
        var left = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/apps/configmaps", null, HttpStatusCode.OK);
        Assert.Empty(left["items"]!.AsArray());
        var secrets = await emulator.ExpectAsync(HttpMethod.Get, "/api/v1/namespaces/apps/secrets", null, HttpStatusCode.OK);
        Assert.Empty(secrets["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.SendAsync(HttpMethod.Get, "/apis/test.contact-operator.io/v1/namespaces/apps/widgets/rel-widget")).Status);
        // CRDs from crds/ are never deleted by helm
        await emulator.ExpectAsync(HttpMethod.Get, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.contact-operator.io", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_second_install_of_the_same_release_is_refused()
    {
        await using var cli = await Cli.StartAsync(withWidgets: false);
        Succeeded(await cli.HelmAsync("install", "rel", Chart));
        var again = await cli.HelmAsync("install", "rel", Chart);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("cannot reuse a name that is still in use", again.Output, StringComparison.Ordinal);
    }
}
