using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Persistence.Instances;

namespace Workflow.Persistence.Timers;

internal sealed class TimerRowConfiguration : IEntityTypeConfiguration<TimerRow>
{
    public void Configure(EntityTypeBuilder<TimerRow> builder)
    {
        builder.ToTable("timers");
        builder.HasKey(t => t.Id).HasName("pk_timers");
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(t => t.InstanceId).HasColumnName("instance_id");
        builder.Property(t => t.DueAt).HasColumnName("due_at");
        builder.Property(t => t.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(Limits.Principal);
        builder.Property(t => t.LeaseUntil).HasColumnName("lease_until");
        builder.Property(t => t.Attempts).HasColumnName("attempts");
        builder.Property(t => t.LastError).HasColumnName("last_error").HasMaxLength(TimerRow.LastErrorLength);
        builder.Property(t => t.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(t => t.FailedAt).HasColumnName("failed_at");

        builder.HasOne<InstanceRow>().WithMany().HasForeignKey(t => t.InstanceId)
            .HasConstraintName("fk_timers_instances_instance_id").OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(t => t.DueAt).HasDatabaseName("ix_timers_due_at");
        builder.HasIndex(t => t.InstanceId).HasDatabaseName("ix_timers_instance_id");
        builder.HasIndex(t => t.FailedAt).HasDatabaseName("ix_timers_failed_at");
    }
}
