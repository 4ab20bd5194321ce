using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Accountability;
using Workflow.Engine.Storage;
using Workflow.Persistence.Ledger;

namespace Workflow.Persistence.Identity;

/// <summary>
/// One change to accounts or delegations and its ledger entry in one transaction: who may act as whom is as much on
/// record as what they did (DOMAIN §4.1, §4.15).
/// </summary>
internal static class IdentityWrites
{
    public static async Task<T> InTransactionAsync<T>(IDbContextFactory<WorkflowDbContext> contexts, Func<WorkflowDbContext, Task<(T Result, HistoryEntry? Entry)>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (result, entry) = await change(db);
            if (entry is not null)
            {
                await db.SaveChangesAsync(ct);
                await LedgerWriter.AppendAsync(db, [entry], LedgerComponents.Identity, ct);
            }
            // Without an entry nothing is tracked; a change may still have run as a statement of its own (a counter).
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    /// <summary>A global-stream entry for <paramref name="kind"/>, done by <paramref name="actor"/>, about <paramref name="subject"/>.</summary>
    public static HistoryEntry Entry(string kind, Actor actor, DateTimeOffset at, string subject, object details) =>
        new(Guid.Empty, at, kind, subject, actor.Id, JsonSerializer.Serialize(details))
        {
            Role = actor.Roles.Count == 0 ? null : string.Join(',', actor.Roles),
            Unit = actor.Unit,
            ActingFor = actor.ActingFor,
        };
}
