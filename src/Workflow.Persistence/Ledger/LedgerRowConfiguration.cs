using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Persistence.Ledger;

internal sealed class LedgerRowConfiguration : IEntityTypeConfiguration<LedgerRow>
{
    public void Configure(EntityTypeBuilder<LedgerRow> builder)
    {
        builder.ToTable("ledger");
        builder.HasKey(l => l.Id).HasName("pk_ledger");
        builder.Property(l => l.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(l => l.InstanceId).HasColumnName("instance_id");
        builder.Property(l => l.Seq).HasColumnName("seq");
        builder.Property(l => l.At).HasColumnName("at");
        builder.Property(l => l.Component).HasColumnName("component").HasMaxLength(Limits.Kind).IsRequired();
        builder.Property(l => l.Kind).HasColumnName("kind").HasMaxLength(Limits.Kind).IsRequired();
        builder.Property(l => l.ElementId).HasColumnName("element_id").HasMaxLength(Limits.Id);
        builder.Property(l => l.Actor).HasColumnName("actor").HasMaxLength(Limits.Principal);
        builder.Property(l => l.Role).HasColumnName("role").HasMaxLength(Limits.Principal);
        builder.Property(l => l.Unit).HasColumnName("unit").HasMaxLength(Limits.Principal);
        builder.Property(l => l.ActingFor).HasColumnName("acting_for").HasMaxLength(Limits.Principal);
        builder.Property(l => l.Outcome).HasColumnName("outcome").HasMaxLength(Limits.Kind);
        builder.Property(l => l.Data).HasColumnName("data");
        builder.Property(l => l.PrevHash).HasColumnName("prev_hash").HasMaxLength(LedgerHash.Size).IsRequired();
        builder.Property(l => l.Hash).HasColumnName("hash").HasMaxLength(LedgerHash.Size).IsRequired();

        // No foreign key to instances: ledger rows must never disappear with anything.
        builder.HasIndex(l => new { l.InstanceId, l.Seq }).IsUnique().HasDatabaseName("ux_ledger_instance_id_seq");
    }
}
