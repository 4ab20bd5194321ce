using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Persistence.Ledger;

internal sealed class LedgerHeadRowConfiguration : IEntityTypeConfiguration<LedgerHeadRow>
{
    public void Configure(EntityTypeBuilder<LedgerHeadRow> builder)
    {
        builder.ToTable("ledger_heads");
        builder.HasKey(h => h.InstanceId).HasName("pk_ledger_heads");
        builder.Property(h => h.InstanceId).HasColumnName("instance_id").ValueGeneratedNever();
        builder.Property(h => h.Seq).HasColumnName("seq");
        builder.Property(h => h.Hash).HasColumnName("hash").HasMaxLength(LedgerHash.Size).IsRequired();
    }
}
