using System.CommandLine;
using ContactOperator.Crds;
using ContactOperator.Iam;

namespace ContactOperator.Commands;

/// <summary>`contact-operator generate crds|iam-policy`: writes manifests and policies derived from the C# types and the generated AWS clients.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "Generate manifests from the operator's types.");
        command.Subcommands.Add(CreateCrds());
        command.Subcommands.Add(CreateIamPolicy());
        return command;
    }

    private static Command CreateIamPolicy()
    {
        var partition = new Option<string>("--partition") { Description = "ARN partition (aws, aws-cn, aws-us-gov).", DefaultValueFactory = _ => "aws" };
        var account = new Option<string>("--account-id") { Description = "AWS account of the managed resources (* for any).", DefaultValueFactory = _ => "*" };
        var region = new Option<string>("--region") { Description = "Region of the Connect resources (* for any; a FailoverPlan spans two).", DefaultValueFactory = _ => "*" };
        var command = new Command("iam-policy", "Print the IAM policy (JSON) the operator's role needs: every action the AWS clients can call, resource-scoped where the request names a resource.")
        {
            partition, account, region,
        };
        command.SetAction(parse =>
        {
            var scope = new IamPolicyScope(parse.GetValue(partition)!, parse.GetValue(account)!, parse.GetValue(region)!);
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

    private static Command CreateCrds()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Directory the CRD files are written to.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("config", "crd", "bases")),
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 if the files in --output differ from the types.",
        };
        var command = new Command("crds", "Generate the CustomResourceDefinitions (apiextensions.k8s.io/v1) of every kind.") { output, check };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!;
            var crds = CrdGenerator.GenerateAll();
            if (parse.GetValue(check))
            {
                var stale = crds.Where(c => !File.Exists(Path.Combine(directory.FullName, c.FileName))
                    || File.ReadAllText(Path.Combine(directory.FullName, c.FileName)) != c.Yaml).ToList();
                foreach (var crd in stale)
                {
                    Console.Error.WriteLine($"out of date: {Path.Combine(directory.FullName, crd.FileName)}");
                }
                return stale.Count == 0 ? 0 : 1;
            }
            directory.Create();
            foreach (var crd in crds)
            {
                var path = Path.Combine(directory.FullName, crd.FileName);
                File.WriteAllText(path, crd.Yaml);
                Console.WriteLine($"wrote {path}");
            }
            return 0;
        });
        return command;
    }
}
