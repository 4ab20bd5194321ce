namespace Workflow.Activities.Catalogue;

/// <summary>
/// An outcome a person may choose. One that <see cref="RequiresReason"/> needs free text (the
/// completion's reason) and, when <see cref="ReasonCodeList"/> is set, a coded reason in the form
/// data field <c>reasonCode</c> (DOMAIN §4.5: coded reason + free text).
/// </summary>
public sealed record ActivityOutcome(string Id, LocalizedText Label)
{
    /// <summary>Choosing it needs a reason.</summary>
    public bool RequiresReason { get; init; }
    /// <summary>Code list of the coded reason, or null when free text is enough.</summary>
    public string? ReasonCodeList { get; init; }
    /// <summary>The codes of <see cref="ReasonCodeList"/> that apply to this outcome; empty means the whole list.</summary>
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];

    /// <summary>An outcome that needs no reason.</summary>
    public static ActivityOutcome Of(string id, string zh, string en) => new(id, new LocalizedText(zh, en));

    /// <summary>An outcome that needs free text and a code of <paramref name="codeList"/> (restricted to <paramref name="codes"/> when given).</summary>
    public static ActivityOutcome WithReason(string id, string zh, string en, string codeList, params string[] codes) =>
        new(id, new LocalizedText(zh, en)) { RequiresReason = true, ReasonCodeList = codeList, ReasonCodes = codes };
}
