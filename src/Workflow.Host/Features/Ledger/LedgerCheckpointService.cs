using Microsoft.Extensions.Options;
using Workflow.Persistence.Ledger;

namespace Workflow.Host.Features.Ledger;

/// <summary>
/// Checkpoints the ledger every <see cref="LedgerOptions.CheckpointInterval"/> for as long as the host runs, and logs
/// each checkpoint's hash: a copy of that line kept outside the database is what a rewritten ledger cannot match.
/// </summary>
public sealed partial class LedgerCheckpointService(LedgerCheckpointer checkpointer, IOptions<LedgerOptions> options, ILogger<LedgerCheckpointService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval);
        do
        {
            try
            {
                foreach (var checkpoint in await checkpointer.CheckpointAsync(stoppingToken))
                {
                    Written(logger, checkpoint.Id, checkpoint.FromId + 1, checkpoint.ToId, checkpoint.Entries, new Hex(checkpoint.Hash));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed round (database away, lock timeout) must not stop the service: the next round covers it
            catch (Exception e)
#pragma warning restore CA1031
            {
                Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Ledger checkpoint {Checkpoint}: ledger ids {FromId}–{ToId}, {Entries} entries, hash {Hash}")]
    private static partial void Written(ILogger logger, long checkpoint, long fromId, long toId, long entries, Hex hash);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Ledger checkpoint failed; trying again at the next interval")]
    private static partial void Failed(ILogger logger, Exception exception);

    /// <summary>A hash, turned into hex only when the line is written.</summary>
    private readonly record struct Hex(byte[] Bytes)
    {
        public override string ToString() => Convert.ToHexStringLower(Bytes);
    }
}
