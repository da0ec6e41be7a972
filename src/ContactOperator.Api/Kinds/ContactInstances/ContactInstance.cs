using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ContactOperator.Api.Common;
using ContactOperator.Api.Schema;
using ContactOperator.Api.Validation;
using k8s.Models;

namespace ContactOperator.Api.Kinds;

/// <summary>An Amazon Connect instance: identity, telephony, features, storage and integrations.</summary>
[KubernetesEntity(Group = ApiGroup.Name, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = "contactinstances")]
[ShortNames("ci", "cinst")]
[AwsResourceColumns]
[PrinterColumn("Status", "string", ".status.instanceStatus", Priority = 1)]
public sealed class ContactInstance() : CustomResource<ContactInstanceSpec, ContactInstanceStatus>(KindName, new ContactInstanceSpec { Region = "", IdentityManagementType = "" })
{
    public const string KindName = "ContactInstance";

    private static readonly ContactInstanceValidator Validator = new();

    public override FluentValidation.Results.ValidationResult Validate() => Validator.Validate(this);
}

/// <summary>Desired state of an Amazon Connect instance.</summary>
public sealed record ContactInstanceSpec
{
    /// <summary>AWS region of the instance, for example us-east-1.</summary>
    [Immutable]
    [RegularExpression(AwsPatterns.Region)]
    public required string Region { get; init; }

    /// <summary>How agents are identified: CONNECT_MANAGED, SAML or EXISTING_DIRECTORY.</summary>
    [Immutable]
    [AllowedValues(IdentityManagementTypes.ConnectManaged, IdentityManagementTypes.Saml, IdentityManagementTypes.ExistingDirectory)]
    public required string IdentityManagementType { get; init; }

    /// <summary>Instance alias, part of the access URL. Required unless identityManagementType is EXISTING_DIRECTORY.</summary>
    [Immutable]
    [StringLength(45, MinimumLength = 1)]
    [RegularExpression(@"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$")]
    public string? InstanceAlias { get; init; }

    /// <summary>AWS Directory Service directory id. Required when identityManagementType is EXISTING_DIRECTORY.</summary>
    [Immutable]
    [RegularExpression(@"^d-[0-9a-f]{10}$")]
    public string? DirectoryId { get; init; }

    /// <summary>Whether the instance accepts inbound calls.</summary>
    [DefaultValue(true)]
    public bool InboundCallsEnabled { get; init; } = true;

    /// <summary>Whether agents can place outbound calls.</summary>
    [DefaultValue(true)]
    public bool OutboundCallsEnabled { get; init; } = true;

    /// <summary>Instance features. A feature left out is not managed.</summary>
    public InstanceAttributes? Attributes { get; init; }

    /// <summary>Where Amazon Connect stores data, one entry per resource type.</summary>
    [MaxLength(16)]
    public IList<InstanceStorageConfigSpec>? StorageConfigs { get; init; }

    /// <summary>ARNs of AWS Lambda functions flows may invoke.</summary>
    [MaxLength(50)]
    [ItemPattern(AwsPatterns.LambdaArn)]
    public IList<string>? LambdaFunctions { get; init; }

    /// <summary>Amazon Lex V2 bot aliases flows may use.</summary>
    [MaxLength(50)]
    public IList<LexBotAssociation>? LexBots { get; init; }

    /// <summary>Tags on the instance.</summary>
    public IDictionary<string, string>? Tags { get; init; }

    /// <summary>Retain (default) leaves the instance in AWS when this object is deleted; Delete removes it.</summary>
    [DefaultValue(DeletionPolicies.Retain)]
    [AllowedValues(DeletionPolicies.Retain, DeletionPolicies.Delete)]
    public string DeletionPolicy { get; init; } = DeletionPolicies.Retain;

    /// <summary>Manage (default) writes to AWS; ObserveOnly only reports what AWS has.</summary>
    [DefaultValue(ManagementPolicies.Manage)]
    [AllowedValues(ManagementPolicies.Manage, ManagementPolicies.ObserveOnly)]
    public string ManagementPolicy { get; init; } = ManagementPolicies.Manage;

    /// <summary>Take over an existing instance instead of creating one.</summary>
    public AdoptSpec? Adopt { get; init; }

    /// <summary>Compliance profiles the instance must meet: PCI, HIPAA (every storage config encrypted with a KMS key, no unencrypted chat transcripts), GDPR (an EU region).</summary>
    [MaxLength(3)]
    [ItemPattern(@"^(PCI|HIPAA|GDPR)$")]
    public IList<string>? Compliance { get; init; }
}

/// <summary>Instance features (Amazon Connect instance attributes). Unset means not managed.</summary>
public sealed record InstanceAttributes
{
    /// <summary>Contact Lens analytics (CONTACT_LENS).</summary>
    public bool? ContactLens { get; init; }

    /// <summary>Flow logs to CloudWatch (CONTACTFLOW_LOGS).</summary>
    public bool? ContactflowLogs { get; init; }

    /// <summary>Early media for outbound calls (EARLY_MEDIA).</summary>
    public bool? EarlyMedia { get; init; }

    /// <summary>Best available voice for text to speech (AUTO_RESOLVE_BEST_VOICES).</summary>
    public bool? AutoResolveBestVoices { get; init; }

    /// <summary>Custom text-to-speech voices (USE_CUSTOM_TTS_VOICES).</summary>
    public bool? UseCustomTtsVoices { get; init; }

    /// <summary>Multi-party calls (MULTI_PARTY_CONFERENCE).</summary>
    public bool? MultiPartyConference { get; init; }

    /// <summary>Multi-party chats (MULTI_PARTY_CHAT_CONFERENCE).</summary>
    public bool? MultiPartyChatConference { get; init; }

    /// <summary>High-volume outbound communications (HIGH_VOLUME_OUTBOUND).</summary>
    public bool? HighVolumeOutbound { get; init; }

    /// <summary>Enhanced contact monitoring (ENHANCED_CONTACT_MONITORING).</summary>
    public bool? EnhancedContactMonitoring { get; init; }

    /// <summary>Enhanced chat monitoring (ENHANCED_CHAT_MONITORING).</summary>
    public bool? EnhancedChatMonitoring { get; init; }

    /// <summary>Message streaming (MESSAGE_STREAMING).</summary>
    public bool? MessageStreaming { get; init; }
}

/// <summary>Storage of one kind of Amazon Connect data in Amazon S3.</summary>
public sealed record InstanceStorageConfigSpec
{
    /// <summary>Which data: CALL_RECORDINGS, CHAT_TRANSCRIPTS, SCHEDULED_REPORTS, ATTACHMENTS, CONTACT_EVALUATIONS, SCREEN_RECORDINGS, EMAIL_MESSAGES.</summary>
    [AllowedValues(StorageResourceTypes.CallRecordings, StorageResourceTypes.ChatTranscripts, StorageResourceTypes.ScheduledReports,
        StorageResourceTypes.Attachments, StorageResourceTypes.ContactEvaluations, StorageResourceTypes.ScreenRecordings, StorageResourceTypes.EmailMessages)]
    public required string ResourceType { get; init; }

    /// <summary>The S3 location.</summary>
    public required S3StorageSpec S3 { get; init; }
}

/// <summary>An S3 bucket and prefix, optionally encrypted with a KMS key.</summary>
public sealed record S3StorageSpec
{
    /// <summary>Bucket name.</summary>
    [StringLength(128, MinimumLength = 3)]
    [RegularExpression(@"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")]
    public required string BucketName { get; init; }

    /// <summary>Key prefix inside the bucket.</summary>
    [StringLength(128, MinimumLength = 1)]
    public required string BucketPrefix { get; init; }

    /// <summary>KMS key ARN or id used to encrypt the objects.</summary>
    [StringLength(128, MinimumLength = 1)]
    public string? KmsKeyId { get; init; }
}

/// <summary>An Amazon Lex V2 bot alias associated with the instance.</summary>
public sealed record LexBotAssociation
{
    /// <summary>ARN of the Lex V2 bot alias.</summary>
    [RegularExpression(@"^arn:aws[a-z-]*:lex:[a-z0-9-]+:\d{12}:bot-alias/[A-Za-z0-9]+/[A-Za-z0-9]+$")]
    public required string AliasArn { get; init; }
}

/// <summary>An existing AWS resource to adopt.</summary>
public sealed record AdoptSpec
{
    /// <summary>The AWS id of the existing resource.</summary>
    [StringLength(100, MinimumLength = 1)]
    public required string Id { get; init; }
}

/// <summary>Observed state of an Amazon Connect instance.</summary>
public sealed record ContactInstanceStatus : ResourceStatus
{
    /// <summary>CREATION_IN_PROGRESS, ACTIVE or CREATION_FAILED, as AWS reports it.</summary>
    public string? InstanceStatus { get; set; }

    /// <summary>The URL agents and administrators sign in at.</summary>
    public string? AccessUrl { get; set; }

    /// <summary>ARN of the service-linked role Amazon Connect uses.</summary>
    public string? ServiceRole { get; set; }
}

/// <summary>Identity management types, as AWS spells them.</summary>
public static class IdentityManagementTypes
{
    public const string ConnectManaged = "CONNECT_MANAGED";
    public const string Saml = "SAML";
    public const string ExistingDirectory = "EXISTING_DIRECTORY";
}

/// <summary>Storage resource types the operator manages in S3.</summary>
public static class StorageResourceTypes
{
    public const string CallRecordings = "CALL_RECORDINGS";
    public const string ChatTranscripts = "CHAT_TRANSCRIPTS";
    public const string ScheduledReports = "SCHEDULED_REPORTS";
    public const string Attachments = "ATTACHMENTS";
    public const string ContactEvaluations = "CONTACT_EVALUATIONS";
    public const string ScreenRecordings = "SCREEN_RECORDINGS";
    public const string EmailMessages = "EMAIL_MESSAGES";
}

/// <summary>Compliance profiles a ContactInstance can declare.</summary>
public static class ComplianceProfiles
{
    public const string Pci = "PCI";
    public const string Hipaa = "HIPAA";
    public const string Gdpr = "GDPR";

    /// <summary>Profiles that require every storage config to be encrypted with a customer KMS key.</summary>
    public static bool RequiresKmsEncryption(string profile) => profile is Pci or Hipaa;

    /// <summary>GDPR keeps the contact center's personal data in the EU.</summary>
    public static bool IsEuRegion(string? region) => region is not null && region.StartsWith("eu-", StringComparison.Ordinal);
}

/// <summary>Patterns for AWS identifiers.</summary>
public static class AwsPatterns
{
    public const string Region = @"^[a-z]{2}(-[a-z]+)+-\d$";
    public const string LambdaArn = @"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9-_]+(:(\$LATEST|[a-zA-Z0-9-_]+))?$";
    public const string SnsTopicArn = @"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$";
}
