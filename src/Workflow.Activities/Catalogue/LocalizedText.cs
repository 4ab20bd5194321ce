namespace Workflow.Activities.Catalogue;

/// <summary>A user-facing text in Chinese (what officers read) and English.</summary>
/// <param name="ZhCn">Simplified Chinese.</param>
/// <param name="En">English.</param>
public sealed record LocalizedText(string ZhCn, string En)
{
    /// <inheritdoc />
    public override string ToString() => $"{ZhCn} / {En}";
}
