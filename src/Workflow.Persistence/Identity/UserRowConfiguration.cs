using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflow.Persistence.Identity;

internal sealed class UserRowConfiguration : IEntityTypeConfiguration<UserRow>
{
    public void Configure(EntityTypeBuilder<UserRow> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id).HasName("pk_users");
        builder.Property(u => u.Id).HasColumnName("id").HasMaxLength(Limits.Principal);
        builder.Property(u => u.DisplayName).HasColumnName("display_name").HasMaxLength(Limits.Principal).IsRequired();
        builder.Property(u => u.Unit).HasColumnName("unit").HasMaxLength(Limits.Principal);
        builder.Property(u => u.Roles).HasColumnName("roles").HasMaxLength(1000).IsRequired();
        builder.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(200).IsRequired();
        builder.Property(u => u.IsActive).HasColumnName("is_active");
        builder.Property(u => u.CreatedAt).HasColumnName("created_at");
        builder.Property(u => u.UpdatedAt).HasColumnName("updated_at");
        builder.Property(u => u.FailedSignIns).HasColumnName("failed_sign_ins");
        builder.Property(u => u.LockedUntil).HasColumnName("locked_until");
        builder.Ignore(u => u.RoleList);
        builder.HasIndex(u => u.Unit).HasDatabaseName("ix_users_unit");
    }
}
