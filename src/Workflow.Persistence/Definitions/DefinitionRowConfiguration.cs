using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Persistence.Definitions;

internal sealed class DefinitionRowConfiguration : IEntityTypeConfiguration<DefinitionRow>
{
    public void Configure(EntityTypeBuilder<DefinitionRow> builder)
    {
        builder.ToTable("definitions");
        builder.HasKey(d => d.Id).HasName("pk_definitions");
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(d => d.ProcessId).HasColumnName("process_id").HasMaxLength(Limits.Id).IsRequired();
        builder.Property(d => d.Version).HasColumnName("version");
        builder.Property(d => d.ContentHash).HasColumnName("content_hash").HasMaxLength(64).IsRequired();
        builder.Property(d => d.Source).HasColumnName("source").IsRequired();
        builder.Property(d => d.DeployedAt).HasColumnName("deployed_at");

        builder.HasIndex(d => new { d.ProcessId, d.Version }).IsUnique().HasDatabaseName("ux_definitions_process_id_version");
        builder.HasIndex(d => new { d.ProcessId, d.ContentHash }).HasDatabaseName("ix_definitions_process_id_content_hash");
    }
}
