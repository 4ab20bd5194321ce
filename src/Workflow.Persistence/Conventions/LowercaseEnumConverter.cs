using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflow.Persistence.Conventions;

/// <summary>Stores an enum as its lower-case name (<c>running</c>, <c>open</c>), readable in SQL and stable across reorderings.</summary>
internal static class LowercaseEnumConverter
{
    public static ValueConverter<TEnum, string> For<TEnum>() where TEnum : struct, Enum =>
        new(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<TEnum>(v, true));
}
