using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Persistence.Ledger;

internal sealed class LedgerCheckpointRowConfiguration : IEntityTypeConfiguration<LedgerCheckpointRow>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpointRow> builder)
    {
        builder.ToTable("ledger_checkpoints");
        builder.HasKey(c => c.Id).HasName("pk_ledger_checkpoints");
        // Numbered by the checkpointer, not the database: two checkpointers racing for the same number collide here.
        builder.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(c => c.At).HasColumnName("at");
        builder.Property(c => c.FromId).HasColumnName("from_id");
        builder.Property(c => c.ToId).HasColumnName("to_id");
        builder.Property(c => c.Entries).HasColumnName("entries");
        builder.Property(c => c.Streams).HasColumnName("streams");
        builder.Property(c => c.PrevHash).HasColumnName("prev_hash").HasMaxLength(LedgerHash.Size).IsRequired();
        builder.Property(c => c.Hash).HasColumnName("hash").HasMaxLength(LedgerHash.Size).IsRequired();
    }
}
