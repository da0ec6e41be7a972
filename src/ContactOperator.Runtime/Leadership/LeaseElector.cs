using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactOperator.Runtime.Leadership;

/// <summary>
/// Leader election on a <see cref="LeaseLock"/> with client-go's algorithm, timed by a <see cref="TimeProvider"/>.
/// The client's own LeaderElector is not used because it reads the wall clock, cannot release the lease on
/// shutdown, and keeps leading while its callback drains; here the work callback gets a token that is cancelled
/// the moment renewal fails, and the lease is renewed until the callback has finished draining.
/// </summary>
public sealed partial class LeaseElector
{
    private readonly ILock lease;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private LeaderElectionRecord? observedRecord;
    private long observedAt;
    private volatile bool isLeader;

    public LeaseElector(IKubernetes kubernetes, LeaderElectionOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(new LeaseLock(kubernetes, options?.LeaseNamespace, options?.LeaseName, options?.Identity), options!, timeProvider, logger)
    {
    }

    public LeaseElector(ILock lease, LeaderElectionOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        this.lease = lease ?? throw new ArgumentNullException(nameof(lease));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    public LeaderElectionOptions Options { get; }

    public bool IsLeader => isLeader;

    /// <summary>The holder named in the lease as last observed.</summary>
    public string? ObservedLeader => observedRecord?.HolderIdentity;

    /// <summary>Raised with true when this replica starts leading and false when it stops.</summary>
    public event Action<bool>? LeadershipChanged;

    /// <summary>
    /// Campaigns until <paramref name="stopping"/> is cancelled. Each time leadership is won, <paramref name="lead"/>
    /// runs with a token that is cancelled when leadership is lost; it must return promptly then, and on
    /// <paramref name="stopping"/> it should drain and return (the lease is renewed until it does, then released).
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(lead);
        while (!stopping.IsCancellationRequested)
        {
            if (!await AcquireAsync(stopping))
            {
                return;
            }

            using var lost = new CancellationTokenSource();
            using var leadingDone = new CancellationTokenSource();
            SetLeader(true);
            var leading = Task.Run(() => lead(lost.Token), CancellationToken.None);
            var renewing = RenewAsync(lost, leadingDone.Token);
            try
            {
                await leading;
            }
#pragma warning disable CA1031 // The leading callback failing must still release leadership cleanly.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogLeadingFailed(logger, e, Options.Identity);
            }

            await leadingDone.CancelAsync();
            await renewing;
            SetLeader(false);
            if (!lost.IsCancellationRequested)
            {
                if (Options.ReleaseOnCancel)
                {
                    await ReleaseAsync();
                }

                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                // The leading work ended on its own; pause before campaigning again rather than spin.
                try
                {
                    await Task.Delay(Options.RetryPeriod, time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken stopping)
    {
        LogCampaigning(logger, Options.Identity, Options.LeaseNamespace, Options.LeaseName);
        while (!stopping.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(stopping))
            {
                LogAcquired(logger, Options.Identity, Options.LeaseNamespace, Options.LeaseName);
                return true;
            }

            try
            {
                // client-go waits RetryPeriod with up to 1.2× jitter between acquire attempts.
                var wait = Options.RetryPeriod * (1 + (Random.Shared.NextDouble() * 0.2));
                await Task.Delay(wait, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    private async Task RenewAsync(CancellationTokenSource lost, CancellationToken leadingDone)
    {
        var lastRenewed = time.GetTimestamp();
        while (!leadingDone.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.RetryPeriod, time, leadingDone);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var remaining = Options.RenewDeadline - time.GetElapsedTime(lastRenewed);
            var renewed = false;
            if (remaining > TimeSpan.Zero)
            {
                using var attempt = new CancellationTokenSource(remaining, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, leadingDone);
                renewed = await TryAcquireOrRenewAsync(linked.Token);
            }

            if (renewed)
            {
                lastRenewed = time.GetTimestamp();
            }
            else if (time.GetElapsedTime(lastRenewed) >= Options.RenewDeadline && !leadingDone.IsCancellationRequested)
            {
                LogLost(logger, Options.Identity, Options.RenewDeadline.TotalSeconds);
                await lost.CancelAsync();
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var desired = new LeaderElectionRecord
            {
                HolderIdentity = Options.Identity,
                LeaseDurationSeconds = (int)Math.Ceiling(Options.LeaseDuration.TotalSeconds),
                AcquireTime = now,
                RenewTime = now,
            };

            LeaderElectionRecord? current;
            try
            {
                current = await lease.GetAsync(cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                current = null;
            }

            if (current is null)
            {
                if (!await lease.CreateAsync(desired, cancellationToken))
                {
                    return false;
                }

                Observe(desired);
                return true;
            }

            if (!Equals(observedRecord, current))
            {
                Observe(current);
            }

            var heldByOther = !string.IsNullOrEmpty(current.HolderIdentity) && current.HolderIdentity != Options.Identity;
            if (heldByOther && time.GetElapsedTime(observedAt) < TimeSpan.FromSeconds(Math.Max(1, current.LeaseDurationSeconds)))
            {
                return false;
            }

            if (current.HolderIdentity == Options.Identity)
            {
                desired.AcquireTime = current.AcquireTime;
                desired.LeaderTransitions = current.LeaderTransitions;
            }
            else
            {
                desired.LeaderTransitions = current.LeaderTransitions + 1;
            }

            if (!await lease.UpdateAsync(desired, cancellationToken))
            {
                return false;
            }

            Observe(desired);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
#pragma warning disable CA1031 // Any API failure is just a failed attempt; the loop's deadlines decide what it means.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAttemptFailed(logger, e, Options.LeaseNamespace, Options.LeaseName);
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        if (observedRecord?.HolderIdentity != Options.Identity)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var released = new LeaderElectionRecord
        {
            HolderIdentity = "",
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
            LeaderTransitions = observedRecord.LeaderTransitions,
        };
        using var timeout = new CancellationTokenSource(Options.RenewDeadline, time);
        try
        {
            if (await lease.UpdateAsync(released, timeout.Token))
            {
                Observe(released);
                LogReleased(logger, Options.Identity, Options.LeaseNamespace, Options.LeaseName);
            }
        }
#pragma warning disable CA1031 // Releasing is a courtesy; the lease expires anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAttemptFailed(logger, e, Options.LeaseNamespace, Options.LeaseName);
        }
    }

    private void Observe(LeaderElectionRecord record)
    {
        observedRecord = record;
        observedAt = time.GetTimestamp();
    }

    private void SetLeader(bool value)
    {
        isLeader = value;
        LeadershipChanged?.Invoke(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} campaigning for lease {LeaseNamespace}/{LeaseName}")]
    private static partial void LogCampaigning(ILogger logger, string identity, string leaseNamespace, string leaseName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} acquired lease {LeaseNamespace}/{LeaseName}; leading")]
    private static partial void LogAcquired(ILogger logger, string identity, string leaseNamespace, string leaseName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} could not renew its lease within {RenewDeadlineSeconds} s; leadership lost, reconciling stopped")]
    private static partial void LogLost(ILogger logger, string identity, double renewDeadlineSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released lease {LeaseNamespace}/{LeaseName}")]
    private static partial void LogReleased(ILogger logger, string identity, string leaseNamespace, string leaseName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {LeaseNamespace}/{LeaseName} attempt failed")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string leaseNamespace, string leaseName);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Identity}: the leading work failed")]
    private static partial void LogLeadingFailed(ILogger logger, Exception exception, string identity);
}
