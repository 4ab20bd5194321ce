using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Persistence.Conventions;
using Workflow.Persistence.Instances;

namespace Workflow.Persistence.Tasks;

internal sealed class TaskRowConfiguration : IEntityTypeConfiguration<TaskRow>
{
    public void Configure(EntityTypeBuilder<TaskRow> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.Id).HasName("pk_tasks");
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(t => t.InstanceId).HasColumnName("instance_id");
        builder.Property(t => t.ProcessId).HasColumnName("process_id").HasMaxLength(Limits.Id).IsRequired();
        builder.Property(t => t.ElementId).HasColumnName("element_id").HasMaxLength(Limits.Id).IsRequired();
        builder.Property(t => t.Name).HasColumnName("name").HasMaxLength(500);
        builder.Property(t => t.Kind).HasColumnName("kind").HasConversion(LowercaseEnumConverter.For<TaskKind>()).HasMaxLength(Limits.Enum);
        builder.Property(t => t.State).HasColumnName("state").HasConversion(LowercaseEnumConverter.For<TaskState>()).HasMaxLength(Limits.Enum);
        builder.Property(t => t.Unit).HasColumnName("unit").HasMaxLength(Limits.Principal);
        builder.Property(t => t.Assignee).HasColumnName("assignee").HasMaxLength(Limits.Principal);
        builder.Property(t => t.OfferedTo).HasColumnName("offered_to").HasMaxLength(Limits.Principal);
        builder.Property(t => t.BusinessKey).HasColumnName("business_key").HasMaxLength(Limits.BusinessKey);
        builder.Property(t => t.Priority).HasColumnName("priority");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at");
        builder.Property(t => t.DueAt).HasColumnName("due_at");
        builder.Property(t => t.ClosedAt).HasColumnName("closed_at");

        builder.HasOne<InstanceRow>().WithMany().HasForeignKey(t => t.InstanceId)
            .HasConstraintName("fk_tasks_instances_instance_id").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Candidates).WithOne().HasForeignKey(c => c.TaskId)
            .HasConstraintName("fk_task_candidates_tasks_task_id").OnDelete(DeleteBehavior.Cascade);

        // The inbox: "assigned to me" and "open in my unit", both read in due order.
        builder.HasIndex(t => new { t.State, t.Assignee, t.DueAt }).HasDatabaseName("ix_tasks_state_assignee_due_at");
        // Few tasks are on offer at any time: a partial index keeps "offered to me" a lookup without weighing on every write.
        builder.HasIndex(t => t.OfferedTo).HasDatabaseName("ix_tasks_offered_to").HasFilter("offered_to IS NOT NULL");
        builder.HasIndex(t => new { t.State, t.Unit, t.DueAt }).HasDatabaseName("ix_tasks_state_unit_due_at");
        // Every save reads the open tasks of the instances it writes.
        builder.HasIndex(t => new { t.InstanceId, t.State }).HasDatabaseName("ix_tasks_instance_id_state");
    }
}
