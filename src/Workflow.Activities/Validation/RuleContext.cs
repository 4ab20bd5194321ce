using System.Globalization;
using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;

namespace Workflow.Activities.Validation;

/// <summary>
/// What an activity's rules across fields see: the submitted values (typed, only when valid), the
/// instance's variables, the outcome and the clock; and where they report problems.
/// </summary>
public sealed class RuleContext
{
    private readonly CompletionRequest _request;
    private readonly IReadOnlyDictionary<string, object?> _data;
    private readonly IReadOnlyDictionary<string, ActivityField> _fields;
    private readonly ISet<string> _invalid;
    private readonly ProblemList _problems;

    internal RuleContext(CompletionRequest request, IReadOnlyDictionary<string, object?> data, IReadOnlyDictionary<string, ActivityField> fields,
        ISet<string> invalid, ProblemList problems, CodeListCatalogue codeLists)
    {
        CodeLists = codeLists;
        _request = request;
        _data = data;
        _fields = fields;
        _invalid = invalid;
        _problems = problems;
    }

    /// <summary>The code lists the validator checks against.</summary>
    public CodeListCatalogue CodeLists { get; }
    /// <summary>The chosen outcome.</summary>
    public string? Outcome => _request.Outcome;
    /// <summary>The coded reason, when one was given.</summary>
    public string? ReasonCode => string.IsNullOrWhiteSpace(_request.ReasonCode) ? null : _request.ReasonCode.Trim();
    /// <summary>Time of the completion.</summary>
    public DateTimeOffset Now => _request.Now;
    /// <summary>When the task breaches its SLA, if it has one.</summary>
    public DateTimeOffset? DueAt => _request.DueAt;
    /// <summary>The instance's business key.</summary>
    public string? BusinessKey => _request.BusinessKey;
    /// <summary>True when the instance was started by another process's call activity.</summary>
    public bool CalledByParent => _request.CalledByParent;
    /// <summary>The acting person's roles, when the caller knows them.</summary>
    public IReadOnlySet<string>? ActorRoles => _request.ActorRoles;

    /// <summary>True when the field has a valid, non-empty value.</summary>
    public bool Has(string field) => Value(field) is not null;

    /// <summary>The text or code of a field, or null.</summary>
    public string? Text(string field) => Value(field) as string;

    /// <summary>The boolean of a field, or null.</summary>
    public bool? Flag(string field) => Value(field) is bool b ? b : null;

    /// <summary>The number of a field, or null.</summary>
    public double? Number(string field) => Value(field) is double d ? d : null;

    /// <summary>The date-time of a field, or null.</summary>
    public DateTimeOffset? Time(string field) =>
        Value(field) is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>A variable of the instance before this completion, or null.</summary>
    public object? Variable(string name) => _request.Variables is { } v && v.TryGetValue(name, out var value) ? value : null;

    /// <summary>Label of a field (its id when the task does not declare it).</summary>
    public LocalizedText Label(string field) => _fields.TryGetValue(field, out var f) ? f.Label : new LocalizedText(field, field);

    /// <summary>Reports a missing field, saying why the rule needs it, unless it has a value.</summary>
    public void Require(string field, LocalizedText because)
    {
        if (Has(field) || _invalid.Contains(field))
        {
            return;
        }
        var label = Label(field);
        _problems.Add(field, ProblemCodes.FieldRequired, $"请填写“{label.ZhCn}”：{because.ZhCn}", $"{label.En} is required: {because.En}");
    }

    /// <summary>Reports a broken rule.</summary>
    public void Problem(string? field, string code, LocalizedText message) => _problems.Add(field, code, message.ZhCn, message.En);

    private object? Value(string field) =>
        !_invalid.Contains(field) && _data.TryGetValue(field, out var v) && v is not null && !(v is string s && string.IsNullOrWhiteSpace(s)) ? v : null;
}
