using ContactOperator.Aws.Core;
using ContactOperator.AwsResources;
using ContactOperator.AwsResources.Connect;
using ContactOperator.Reconciliation;
using Microsoft.Extensions.Logging;

namespace ContactOperator.Kinds.Contract;

/// <summary>
/// What the kinds' controllers share within one manager. <c>Aws</c> is what every AWS client of the manager is made
/// from (its metrics and clock included, <c>Connect</c>'s clients too); <c>Flow</c> the create/adopt flow every AWS resource goes through (with the name index its creates share); <c>Kinds</c> the settings of the kinds that
/// have their own; <c>Owned</c> where a kind puts what it creates for the manager and must be disposed with it; <c>Referrers</c> which objects refer to an object.
/// </summary>
public sealed record SyncServices(
    ConnectClients Connect,
    ObjectLookup Lookup,
    IEventSink Events,
    SyncOptions Options,
    AwsResourceFlow Flow,
    TimeProvider Time,
    ILoggerFactory Loggers,
    AwsClientOptions Aws,
    KindSettings Kinds,
    Disposables Owned,
    Referrers Referrers);
