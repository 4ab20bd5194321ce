using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Workflow.Persistence.Ledger;

namespace Workflow.Persistence.Sqlite;

/// <summary>
/// The ledger's row id on SQLite is a plain rowid, not <c>AUTOINCREMENT</c> (ADR-007, amendment "the ledger's row id on
/// SQLite").
/// </summary>
/// <remarks>
/// <para>
/// <c>AUTOINCREMENT</c> looks up and rewrites the table's row in <c>sqlite_sequence</c> on every insert: one more page in
/// every group commit, one in thirty of the pages the load wrote. Its only promise beyond a plain rowid — ids of deleted
/// rows are never handed out again — means nothing for a table that refuses every delete; a plain rowid is still one more
/// than the highest, so ids keep growing in insertion order.
/// </para>
/// <para>
/// EF 10 leaves the strategy out of the migrations' model snapshot: after <c>dotnet ef migrations add</c>, put the
/// <c>Sqlite:ValueGenerationStrategy</c> annotation back on the ledger's <c>Id</c> there, or the next migration reverts
/// it (and until then every <c>Migrate</c>, the tests' too, fails on pending model changes).
/// </para>
/// </remarks>
internal sealed class SqliteLedgerModel(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<LedgerRow>().Property(l => l.Id).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
    }
}
