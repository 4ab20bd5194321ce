using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Persistence.Identity;

internal sealed class DelegationRowConfiguration : IEntityTypeConfiguration<DelegationRow>
{
    public void Configure(EntityTypeBuilder<DelegationRow> builder)
    {
        builder.ToTable("delegations");
        builder.HasKey(d => d.Id).HasName("pk_delegations");
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(d => d.From).HasColumnName("delegator").HasMaxLength(Limits.Principal).IsRequired();
        builder.Property(d => d.To).HasColumnName("delegate").HasMaxLength(Limits.Principal).IsRequired();
        builder.Property(d => d.StartsAt).HasColumnName("starts_at");
        builder.Property(d => d.EndsAt).HasColumnName("ends_at");
        builder.Property(d => d.Roles).HasColumnName("roles").HasMaxLength(1000).IsRequired();
        builder.Property(d => d.Unit).HasColumnName("unit").HasMaxLength(Limits.Principal);
        builder.Property(d => d.Reason).HasColumnName("reason").HasMaxLength(2000).IsRequired();
        builder.Property(d => d.CreatedBy).HasColumnName("created_by").HasMaxLength(Limits.Principal).IsRequired();
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.RevokedAt).HasColumnName("revoked_at");
        builder.Property(d => d.RevokedBy).HasColumnName("revoked_by").HasMaxLength(Limits.Principal);
        builder.Ignore(d => d.RoleList);
        builder.HasIndex(d => new { d.From, d.To }).HasDatabaseName("ix_delegations_delegator_delegate");
        builder.HasIndex(d => d.To).HasDatabaseName("ix_delegations_delegate");
    }
}
