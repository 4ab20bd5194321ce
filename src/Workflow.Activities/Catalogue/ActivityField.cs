namespace Workflow.Activities.Catalogue;

/// <summary>
/// A form field an activity declares: its value becomes the process variable <see cref="Id"/>.
/// Build one with the factories (<see cref="Code"/>, <see cref="Text"/>…) and the modifiers
/// (<see cref="AsRequired"/>, <see cref="RequiredWhen"/>…).
/// </summary>
public sealed record ActivityField(string Id, FieldType Type, LocalizedText Label)
{
    /// <summary>Default limit of a one-line text.</summary>
    public const int DefaultStringLength = 200;
    /// <summary>Default limit of a multi-line text.</summary>
    public const int DefaultTextLength = 4000;

    /// <summary>A value must be given (for every outcome, or for those in <see cref="RequiredFor"/>).</summary>
    public bool Required { get; init; }
    /// <summary>Outcomes for which <see cref="Required"/> holds; empty means every outcome.</summary>
    public IReadOnlyList<string> RequiredFor { get; init; } = [];
    /// <summary>Code list of a <see cref="FieldType.Code"/> field.</summary>
    public string? CodeList { get; init; }
    /// <summary>Longest text accepted.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Smallest number accepted.</summary>
    public double? Min { get; init; }
    /// <summary>Largest number accepted.</summary>
    public double? Max { get; init; }
    /// <summary>The number must be whole.</summary>
    public bool WholeNumber { get; init; }
    /// <summary>Regular expression a text must match in full, with <see cref="PatternHint"/> shown when it does not.</summary>
    public string? Pattern { get; init; }
    /// <summary>What <see cref="Pattern"/> expects, in words.</summary>
    public LocalizedText? PatternHint { get; init; }
    /// <summary>A date or time may not lie in the future (a record of what happened).</summary>
    public bool NotInFuture { get; init; }

    /// <summary>True when a value is required for <paramref name="outcome"/>.</summary>
    public bool IsRequiredFor(string? outcome) =>
        Required && (RequiredFor.Count == 0 || (outcome is not null && RequiredFor.Contains(outcome, StringComparer.Ordinal)));

    /// <summary>True when required whatever the outcome (what the engine's own check enforces).</summary>
    public bool IsAlwaysRequired => Required && RequiredFor.Count == 0;

    /// <summary>One line of text.</summary>
    public static ActivityField String(string id, string zh, string en, int maxLength = DefaultStringLength) =>
        new(id, FieldType.String, new LocalizedText(zh, en)) { MaxLength = maxLength };

    /// <summary>Multi-line text.</summary>
    public static ActivityField Text(string id, string zh, string en, int maxLength = DefaultTextLength) =>
        new(id, FieldType.Text, new LocalizedText(zh, en)) { MaxLength = maxLength };

    /// <summary>A code of <paramref name="codeList"/>.</summary>
    public static ActivityField Code(string id, string zh, string en, string codeList) =>
        new(id, FieldType.Code, new LocalizedText(zh, en)) { CodeList = codeList };

    /// <summary>true or false.</summary>
    public static ActivityField Boolean(string id, string zh, string en) => new(id, FieldType.Boolean, new LocalizedText(zh, en));

    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static ActivityField Number(string id, string zh, string en, double? min = null, double? max = null) =>
        new(id, FieldType.Number, new LocalizedText(zh, en)) { Min = min, Max = max };

    /// <summary>A date and time that has already happened.</summary>
    public static ActivityField PastTime(string id, string zh, string en) =>
        new(id, FieldType.DateTime, new LocalizedText(zh, en)) { NotInFuture = true };

    /// <summary>A reference number (document, receipt, incident): letters, digits and dashes.</summary>
    public static ActivityField Reference(string id, string zh, string en) =>
        new(id, FieldType.String, new LocalizedText(zh, en))
        {
            MaxLength = 64,
            Pattern = "[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff()（）〔〕\\[\\]_/.-]*",
            PatternHint = new LocalizedText("编号只能包含字母、数字、汉字、括号和 - _ / .", "a reference of letters, digits, Chinese characters, brackets and - _ / ."),
        };

    /// <summary>This field, required for every outcome.</summary>
    public ActivityField AsRequired() => this with { Required = true, RequiredFor = [] };

    /// <summary>This field, required only when the task is completed with one of <paramref name="outcomes"/>.</summary>
    public ActivityField RequiredWhen(params string[] outcomes) => this with { Required = true, RequiredFor = outcomes };

    /// <summary>This number, whole.</summary>
    public ActivityField Whole() => this with { WholeNumber = true };
}
