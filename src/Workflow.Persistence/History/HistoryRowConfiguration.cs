using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Persistence.Instances;

namespace Workflow.Persistence.History;

internal sealed class HistoryRowConfiguration : IEntityTypeConfiguration<HistoryRow>
{
    public void Configure(EntityTypeBuilder<HistoryRow> builder)
    {
        builder.ToTable("history");
        builder.HasKey(h => h.Id).HasName("pk_history");
        builder.Property(h => h.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(h => h.InstanceId).HasColumnName("instance_id");
        builder.Property(h => h.At).HasColumnName("at");
        builder.Property(h => h.Kind).HasColumnName("kind").HasMaxLength(Limits.Kind).IsRequired();
        builder.Property(h => h.ElementId).HasColumnName("element_id").HasMaxLength(Limits.Id);
        builder.Property(h => h.Actor).HasColumnName("actor").HasMaxLength(Limits.Principal);
        builder.Property(h => h.Data).HasColumnName("data");

        builder.HasOne<InstanceRow>().WithMany().HasForeignKey(h => h.InstanceId)
            .HasConstraintName("fk_history_instances_instance_id").OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(h => new { h.InstanceId, h.Id }).HasDatabaseName("ix_history_instance_id_id");
    }
}
