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

        // "Which tasks may a holder of these roles claim": role first, the task id comes from the index alone.
        builder.HasIndex(c => new { c.Role, c.TaskId }).HasDatabaseName("ix_task_candidates_role_task_id");
    }
}
