using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Persistence.Conventions;

namespace Workflow.Persistence.Instances;

internal sealed class InstanceRowConfiguration : IEntityTypeConfiguration<InstanceRow>
{
    public void Configure(EntityTypeBuilder<InstanceRow> builder)
    {
        builder.ToTable("instances");
        builder.HasKey(i => i.Id).HasName("pk_instances");
        builder.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(i => i.ProcessId).HasColumnName("process_id").HasMaxLength(Limits.Id).IsRequired();
        builder.Property(i => i.Version).HasColumnName("version");
        builder.Property(i => i.BusinessKey).HasColumnName("business_key").HasMaxLength(Limits.BusinessKey);
        builder.Property(i => i.Status).HasColumnName("status").HasConversion(LowercaseEnumConverter.For<Engine.Runtime.InstanceStatus>()).HasMaxLength(Limits.Enum);
        builder.Property(i => i.State).HasColumnName("state").IsRequired();
        // Checked by hand in EfInstanceStore (UPDATE … WHERE revision = @expected), not by EF's concurrency tokens.
        builder.Property(i => i.Revision).HasColumnName("revision");
        builder.Property(i => i.StartedAt).HasColumnName("started_at");
        builder.Property(i => i.EndedAt).HasColumnName("ended_at");
        builder.Property(i => i.OpenIncidents).HasColumnName("open_incidents");
        builder.Property(i => i.ParentInstanceId).HasColumnName("parent_instance_id");
        // Moved by LedgerWriter's raw SQL only; the database lets it move forward only.
        builder.Property(i => i.LedgerSeq).HasColumnName("ledger_seq");
        builder.Property(i => i.LedgerHash).HasColumnName("ledger_hash").HasMaxLength(Ledger.LedgerHash.Size);

        builder.HasIndex(i => new { i.BusinessKey, i.Status }).HasDatabaseName("ix_instances_business_key_status");
        builder.HasIndex(i => i.Status).HasDatabaseName("ix_instances_status");
        builder.HasIndex(i => i.ParentInstanceId).HasDatabaseName("ix_instances_parent_instance_id");
        // Only the few stopped instances are in it: the administrator's list of them reads it, saves rarely touch it.
        builder.HasIndex(i => i.OpenIncidents).HasDatabaseName("ix_instances_open_incidents").HasFilter("open_incidents > 0");
    }
}
