namespace Workflow.Activities.Catalogue;

/// <summary>
/// An outcome a person may choose. One that <see cref="RequiresReason"/> needs a coded reason (the
/// completion's <c>reasonCode</c>, from <see cref="ReasonCodeList"/>) and free text (the completion's
/// <c>reason</c>): DOMAIN §4.5.
/// </summary>
public sealed record ActivityOutcome(string Id, LocalizedText Label)
{
    /// <summary>Choosing it needs a reason.</summary>
    public bool RequiresReason { get; init; }
    /// <summary>Code list of the coded reason, or null when free text is enough.</summary>
    public string? ReasonCodeList { get; init; }
    /// <summary>The codes of <see cref="ReasonCodeList"/> that apply to this outcome; empty means the whole list.</summary>
    public IReadOnlyList<string> ReasonCodes { get; init; } = [];
    /// <summary>
    /// The activity type (<c>wf:type</c>) of a reviewer step this outcome may overrule, e.g. the legal review: at import it
    /// becomes the outcome's <c>overrides</c>, the id of that step in the same process (DOMAIN §4.6, docs/accountability.md).
    /// </summary>
    public string? Overrides { get; init; }

    /// <summary>An outcome that needs no reason.</summary>
    public static ActivityOutcome Of(string id, string zh, string en) => new(id, new LocalizedText(zh, en));

    /// <summary>An outcome that needs free text and a code of <paramref name="codeList"/> (restricted to <paramref name="codes"/> when given).</summary>
    public static ActivityOutcome WithReason(string id, string zh, string en, string codeList, params string[] codes) =>
        new(id, new LocalizedText(zh, en)) { RequiresReason = true, ReasonCodeList = codeList, ReasonCodes = codes };
}
