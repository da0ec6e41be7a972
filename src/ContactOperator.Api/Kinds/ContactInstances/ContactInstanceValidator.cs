using ContactOperator.Api.Common;
using ContactOperator.Api.Kinds;
using FluentValidation;

namespace ContactOperator.Api.Validation;

public sealed class ContactInstanceValidator() : ResourceValidator<ContactInstance, ContactInstanceSpec, ContactInstanceStatus>(new ContactInstanceSpecValidator());

public sealed class ContactInstanceSpecValidator : SpecValidator<ContactInstanceSpec>
{
    public ContactInstanceSpecValidator()
    {
        RuleFor(s => s.Region).AwsRegion();
        RuleFor(s => s.IdentityManagementType).NotEmpty()
            .OneOf(IdentityManagementTypes.ConnectManaged, IdentityManagementTypes.Saml, IdentityManagementTypes.ExistingDirectory);

        RuleFor(s => s.InstanceAlias).NotEmpty()
            .When(s => s.IdentityManagementType != IdentityManagementTypes.ExistingDirectory && s.Adopt is null)
            .WithMessage(s => $"{{PropertyPath}} is required when identityManagementType is {s.IdentityManagementType}");
        RuleFor(s => s.InstanceAlias).Length(1, 45)
            .MatchesPattern(@"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$")
            .WithMessage("{PropertyPath} must be letters, digits and inner hyphens, and must not start with 'd-' (got '{PropertyValue}')")
            .When(s => s.InstanceAlias is not null);

        RuleFor(s => s.DirectoryId).NotEmpty()
            .When(s => s.IdentityManagementType == IdentityManagementTypes.ExistingDirectory && s.Adopt is null)
            .WithMessage("{PropertyPath} is required when identityManagementType is EXISTING_DIRECTORY");
        RuleFor(s => s.DirectoryId).Null()
            .When(s => s.IdentityManagementType != IdentityManagementTypes.ExistingDirectory)
            .WithMessage(s => $"{{PropertyPath}} is only allowed when identityManagementType is EXISTING_DIRECTORY (it is {s.IdentityManagementType})");
        RuleFor(s => s.DirectoryId).MatchesPattern(@"^d-[0-9a-f]{10}$")
            .WithMessage("{PropertyPath} must look like d-0123456789 (got '{PropertyValue}')").When(s => s.DirectoryId is not null);

        RuleForEach(s => s.StorageConfigs).SetValidator(new StorageConfigValidator());
        RuleFor(s => s.StorageConfigs).Custom((configs, context) =>
        {
            if (configs is null)
            {
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < configs.Count; i++)
            {
                if (configs[i]?.ResourceType is { } type && !seen.Add(type))
                {
                    context.AddFailure($"spec.storageConfigs[{i}].resourceType", $"spec.storageConfigs[{i}].resourceType {type} appears more than once");
                }
            }
        });

        RuleForEach(s => s.LambdaFunctions).NotEmpty().MatchesPattern(AwsPatterns.LambdaArn)
            .WithMessage("{PropertyPath} must be a Lambda function ARN (got '{PropertyValue}')");
        RuleFor(s => s.LambdaFunctions).Must(l => l is null || l.Distinct(StringComparer.Ordinal).Count() == l.Count)
            .WithMessage("{PropertyPath} lists a function more than once");
        RuleForEach(s => s.LexBots).ChildRules(bot => bot.RuleFor(b => b.AliasArn).NotEmpty()
            .MatchesPattern(@"^arn:aws[a-z-]*:lex:[a-z0-9-]+:\d{12}:bot-alias/[A-Za-z0-9]+/[A-Za-z0-9]+$")
            .WithMessage("{PropertyPath} must be a Lex V2 bot alias ARN (got '{PropertyValue}')"));

        RuleFor(s => s.Tags).Tags();
        RuleFor(s => s.DeletionPolicy).DeletionPolicy();
        RuleFor(s => s.ManagementPolicy).NotEmpty().OneOf(ManagementPolicies.Manage, ManagementPolicies.ObserveOnly);
        RuleFor(s => s.Adopt).NotNull().When(s => s.ManagementPolicy == ManagementPolicies.ObserveOnly)
            .WithMessage("spec.adopt.id is required when managementPolicy is ObserveOnly: the operator never creates an instance it only observes");
        RuleFor(s => s.Adopt!.Id).NotEmpty().When(s => s.Adopt is not null);

        RuleForEach(s => s.Compliance).OneOf(ComplianceProfiles.Pci, ComplianceProfiles.Hipaa, ComplianceProfiles.Gdpr);
        RuleFor(s => s.Compliance).Must(c => c is null || c.Distinct(StringComparer.Ordinal).Count() == c.Count)
            .WithMessage("{PropertyPath} lists a profile more than once");
        RuleFor(s => s).Custom(CheckCompliance);
    }

    /// <summary>
    /// The compliance profiles' storage and residency rules (Amazon Connect admin guide, "Compliance validation" and
    /// "Data protection"): PCI DSS and HIPAA workloads encrypt recordings and transcripts with a customer KMS key.
    /// </summary>
    private static void CheckCompliance(ContactInstanceSpec spec, ValidationContext<ContactInstanceSpec> context)
    {
        foreach (var profile in (spec.Compliance ?? []).Where(p => p is not null).Distinct(StringComparer.Ordinal))
        {
            if (ComplianceProfiles.RequiresKmsEncryption(profile))
            {
                var configs = spec.StorageConfigs ?? [];
                for (var i = 0; i < configs.Count; i++)
                {
                    if (configs[i]?.S3 is { } s3 && string.IsNullOrEmpty(s3.KmsKeyId))
                    {
                        var what = configs[i].ResourceType == StorageResourceTypes.ChatTranscripts ? "unencrypted chat transcripts are not allowed" : "every storage config must be encrypted";
                        context.AddFailure($"spec.storageConfigs[{i}].s3.kmsKeyId",
                            $"spec.storageConfigs[{i}].s3.kmsKeyId is required by compliance profile {profile}: {what} ({configs[i].ResourceType} has no KMS key)");
                    }
                }
            }
            if (profile == ComplianceProfiles.Gdpr && spec.Region is { Length: > 0 } region && !ComplianceProfiles.IsEuRegion(region))
            {
                context.AddFailure("spec.region", $"spec.region {region} is not allowed by compliance profile GDPR: the instance must be in an EU region (eu-*)");
            }
        }
    }

    private sealed class StorageConfigValidator : AbstractValidator<InstanceStorageConfigSpec>
    {
        public StorageConfigValidator()
        {
            RuleFor(c => c.ResourceType).NotEmpty().OneOf(
                StorageResourceTypes.CallRecordings, StorageResourceTypes.ChatTranscripts, StorageResourceTypes.ScheduledReports,
                StorageResourceTypes.Attachments, StorageResourceTypes.ContactEvaluations, StorageResourceTypes.ScreenRecordings,
                StorageResourceTypes.EmailMessages);
            RuleFor(c => c.S3).NotNull().ChildRules(s3 =>
            {
                s3.RuleFor(x => x.BucketName).NotEmpty().Length(3, 63).MatchesPattern(@"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
                    .WithMessage("{PropertyPath} must be a valid S3 bucket name (got '{PropertyValue}')");
                s3.RuleFor(x => x.BucketPrefix).NotEmpty().Length(1, 128);
                s3.RuleFor(x => x.KmsKeyId).Length(1, 128);
            });
        }
    }
}
