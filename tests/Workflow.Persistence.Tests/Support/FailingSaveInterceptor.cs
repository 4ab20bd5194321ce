using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflow.Persistence.Instances;

namespace Workflow.Persistence.Tests.Support;

/// <summary>
/// Simulates a crash in the middle of a save: once armed, SaveChanges throws — after the store has already
/// updated the instance row in its transaction. Before throwing it records the revision the transaction sees.
/// </summary>
public sealed class FailingSaveInterceptor(Guid instanceId) : SaveChangesInterceptor
{
    /// <summary>Throw on the next SaveChanges.</summary>
    public bool Armed { get; set; }

    /// <summary>The instance's revision as seen inside the failing transaction.</summary>
    public long? RevisionSeenInTransaction { get; private set; }

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        Armed ? throw new InvalidOperationException("simulated crash") : result;

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!Armed)
        {
            return result;
        }
        RevisionSeenInTransaction = await eventData.Context!.Set<InstanceRow>().AsNoTracking()
            .Where(i => i.Id == instanceId).Select(i => (long?)i.Revision).FirstOrDefaultAsync(cancellationToken);
        throw new InvalidOperationException("simulated crash");
    }
}
