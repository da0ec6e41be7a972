using System.CommandLine;
using ContactOperator.Iam;
using ContactOperator.Kinds;
using ContactOperator.Manifests;

namespace ContactOperator.Commands;

/// <summary>`contact-operator generate manifests|iam-policy`: writes manifests and policies derived from the kind catalog and the generated AWS clients.</summary>
internal static class GenerateCommand
{
    /// <summary>The exit code of <c>generate manifests</c> when the AWS clients must be regenerated first.</summary>
    public const int ClientsLackDeclaredOperations = 3;

    public static Command Create()
    {
        var command = new Command("generate", "Generate manifests from the operator's types.");
        command.Subcommands.Add(CreateManifests());
        command.Subcommands.Add(CreateIamPolicy());
        return command;
    }

    private static Command CreateIamPolicy()
    {
        var partition = new Option<string>("--partition") { Description = "ARN partition (aws, aws-cn, aws-us-gov).", DefaultValueFactory = _ => "aws" };
        var account = new Option<string>("--account-id") { Description = "AWS account of the managed resources (* for any).", DefaultValueFactory = _ => "*" };
        var region = new Option<string[]>("--region")
        {
            Description = "Region of the Connect resources; repeat it or separate with commas for several, e.g. a FailoverPlan's two: --region us-east-1,us-west-2 (* for any).",
            DefaultValueFactory = _ => ["*"],
        };
        var command = new Command("iam-policy", "Print the IAM policy (JSON) the operator's role needs: every AWS action its kinds declare, resource-scoped where the request names a resource.")
        {
            partition, account, region,
        };
        command.SetAction(parse =>
        {
            var regions = parse.GetValue(region)!.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var scope = new IamPolicyScope(parse.GetValue(partition)!, parse.GetValue(account)!, regions);
            if (IamPolicy.Problems(scope) is { Count: > 0 } problems)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine($"contact-operator generate iam-policy: {problem}");
                }
                return 2;
            }
            Console.Out.Write(IamPolicy.ToJson(IamPolicy.Statements(scope)));
            return 0;
        });
        return command;
    }

    private static Command CreateManifests()
    {
        var root = new Option<DirectoryInfo>("--root")
        {
            Description = "The repository root the files are written under.",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 if the files under --root differ from what the kinds generate.",
        };
        var command = new Command("manifests",
            "Write every file derived from the kind catalog: the CRDs (config/crd/bases, the chart's crds/), config/crd/kustomization.yaml, "
            + "the kinds' RBAC rules and admission webhooks (chart and config/webhook), the AWS operations the clients are generated from "
            + "(eng/codegen/operations.json) and the chart's IAM policy. Exits 3, having written eng/codegen/operations.json, when the generated "
            + "AWS clients lack a declared operation: run bash eng/codegen/generate.sh, then this again. eng/generate-manifests.sh does all of it.")
        {
            root, check,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(root)!.FullName;
            var operations = KindManifests.CodegenOperationsOf(KindCatalog.All);
            IReadOnlyList<GeneratedFile> files;
            try
            {
                files = KindManifests.Generate(KindCatalog.All);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"contact-operator generate manifests: {e.Message}");
                if (!parse.GetValue(check) && KindManifests.WriteFile(directory, operations))
                {
                    Console.WriteLine($"wrote {operations.Path}");
                }
                return ClientsLackDeclaredOperations;
            }
            if (parse.GetValue(check))
            {
                var differences = KindManifests.Differences(directory, files);
                foreach (var difference in differences)
                {
                    Console.Error.WriteLine(difference);
                }
                return differences.Count == 0 ? 0 : 1;
            }
            foreach (var change in KindManifests.Write(directory, files))
            {
                Console.WriteLine(change);
            }
            return 0;
        });
        return command;
    }
}
