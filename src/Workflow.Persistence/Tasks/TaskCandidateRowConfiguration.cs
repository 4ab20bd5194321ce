using Workflow.Persistence.Conventions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Persistence.Tasks;

internal sealed class TaskCandidateRowConfiguration : IEntityTypeConfiguration<TaskCandidateRow>
{
    public void Configure(EntityTypeBuilder<TaskCandidateRow> builder)
    {
        builder.ToTable("task_candidates");
        builder.HasKey(c => new { c.TaskId, c.Role }).HasName("pk_task_candidates");
        builder.Property(c => c.TaskId).HasColumnName("task_id");
        builder.Property(c => c.Role).HasColumnName("role").HasMaxLength(Limits.Principal).IsRequired();
        builder.Property(c => c.State).HasColumnName("state").HasConversion(LowercaseEnumConverter.For<CandidateState>()).HasMaxLength(Limits.Enum);
        builder.Property(c => c.Unit).HasColumnName("unit").HasMaxLength(Limits.Principal);
        builder.Property(c => c.DueAt).HasColumnName("due_at");

        // "Which tasks may a holder of these roles in this unit claim", in due order: one range per role and unit,
        // answered from the index alone.
        builder.HasIndex(c => new { c.State, c.Role, c.Unit, c.DueAt, c.TaskId }).HasDatabaseName("ix_task_candidates_state_role_unit_due_at");
    }
}
