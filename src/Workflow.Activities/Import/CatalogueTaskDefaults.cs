using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Activities.Rules;
using Workflow.Activities.Validation;
using Workflow.Engine.Import;
using Workflow.Engine.Model;

namespace Workflow.Activities.Import;

/// <summary>
/// Resolves a task's <c>wf:type</c> against the activity catalogue at import: what the BPMN file
/// declares wins, the catalogue fills in the rest, and the task gets the catalogue's completion check.
/// </summary>
/// <remarks>
/// Merge rules (docs/extension-namespace.md):
/// roles, SLA, separation, outcomes, duty and locks each come from the file when it declares any, else from the catalogue;
/// outcomes the file lists take the catalogue's labels and coded reasons for the same id, and
/// <c>requiresReason</c> is the file's or the catalogue's; an outcome's reason codes are the file's (the outcome's, else the
/// task's <c>wf:reasonCodes</c>), else the catalogue's, expanded from its code list, so that the engine's own reason check
/// and the catalogue's agree; fields are the catalogue's (in its order) followed by those only the file declares, a field
/// of both taking the file's labels and code list and being required if either says so; <c>wf:nameEn</c> defaults to the
/// activity's English name; an enforcement activity gets <c>wf:enforcement="true"</c> unless the file says otherwise.
/// A catalogue separation or override names activity types; it becomes the ids of the tasks of those types in the same process.
/// </remarks>
public sealed class CatalogueTaskDefaults : ITaskSpecDefaults
{
    private readonly CompletionValidator _validator;

    /// <summary>Creates the provider over a validator (its catalogue and code lists).</summary>
    public CatalogueTaskDefaults(CompletionValidator validator) => _validator = validator;

    /// <summary>The provider of the shipped catalogue.</summary>
    public static CatalogueTaskDefaults Default { get; } = new(CompletionValidator.Default);

    /// <inheritdoc />
    public TaskSpec Apply(TaskDefaultsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var declared = context.Declared;
        var type = declared.ActivityType!;
        if (_validator.Activities.Find(type) is not { } activity)
        {
            if (type.StartsWith(ActivityCatalogue.KeyPrefix, StringComparison.Ordinal))
            {
                context.Error(DiagnosticCodes.UnknownActivityType, $"wf:type '{type}' is not in the activity catalogue (known: {string.Join(", ", _validator.Activities.All.Select(a => a.Key))})");
            }
            return declared;
        }
        if (context.Node.Kind != NodeKind.UserTask)
        {
            context.Warning(DiagnosticCodes.WarnTaskDefaults, $"'{type}' is a step a person completes; draw it as a userTask");
        }
        Check(context, activity, declared);
        return new TaskSpec
        {
            Roles = declared.Roles.Count > 0 ? declared.Roles : activity.Roles,
            Unit = declared.Unit,
            Assignee = declared.Assignee,
            ActivityType = type,
            FormKey = declared.FormKey,
            NameEn = declared.NameEn ?? activity.Name.En,
            Sla = declared.Sla ?? activity.Sla,
            NotSameAs = declared.NotSameAs.Count > 0 ? declared.NotSameAs : Separation(context, activity),
            Outcomes = declared.Outcomes.Count > 0
                ? declared.Outcomes.Select(o => Outcome(context, declared, activity.FindOutcome(o.Id), o)).ToList()
                : activity.Outcomes.Select(o => Outcome(context, declared, o, null)).ToList(),
            Fields = MergeFields(activity, declared),
            Duty = declared.Duty ?? activity.Duty,
            Locks = declared.Locks.Count > 0 ? declared.Locks : activity.Locks,
            ReasonCodes = declared.ReasonCodes,
            Attributes = Attributes(activity, declared),
            CompletionCheck = new CatalogueCompletionCheck(type, _validator),
        };
    }

    /// <summary>The outcome as the task offers it: <paramref name="declared"/> (the file's) over <paramref name="known"/> (the catalogue's).</summary>
    private OutcomeSpec Outcome(TaskDefaultsContext context, TaskSpec task, ActivityOutcome? known, OutcomeSpec? declared)
    {
        if (known is null)
        {
            return declared!; // an outcome only the file knows: kept as written (warned about in Check)
        }
        var merged = declared is null ? known : EffectiveDeclarations.Outcome(known, declared);
        var codes = declared is { ReasonCodes.Count: > 0 } ? declared.ReasonCodes
            : task.ReasonCodes.Count > 0 ? task.ReasonCodes
            : CatalogueCodes(known);
        return new OutcomeSpec(merged.Id, merged.Label.ZhCn, merged.Label.En, merged.RequiresReason)
        {
            ReasonCodes = codes,
            Overrides = declared?.Overrides ?? (known.Overrides is { } reviewer ? Resolve(context, reviewer) : null),
        };
    }

    private IReadOnlyList<string> CatalogueCodes(ActivityOutcome outcome) =>
        outcome.ReasonCodes.Count > 0 ? outcome.ReasonCodes
        : outcome.ReasonCodeList is { } list && _validator.CodeLists.Find(list) is { } codes ? codes.Items.Select(i => i.Code).ToList()
        : [];

    /// <summary>The id of the task of activity type <paramref name="type"/> in the same process, or null when there is none.</summary>
    private static string? Resolve(TaskDefaultsContext context, string type)
    {
        var matches = context.ProcessNodes.Where(n => n.Id != context.Node.Id && n.Task.ActivityType == type).Select(n => n.Id).ToList();
        if (matches.Count > 1)
        {
            context.Warning(DiagnosticCodes.WarnTaskDefaults,
                $"the process has several {type} steps ({string.Join(", ", matches)}); an override overrules '{matches[0]}' (write overrides=\"…\" to choose)");
        }
        return matches.Count == 0 ? null : matches[0];
    }

    private static IReadOnlyDictionary<string, string> Attributes(PoliceActivity activity, TaskSpec declared)
    {
        if (!activity.IsEnforcementStep || declared.Attributes.ContainsKey(AuxiliaryNotOwnerRule.EnforcementAttribute))
        {
            return declared.Attributes;
        }
        // The flag the police rule reads (auxiliary-not-owner), as if the file had written it.
        return new Dictionary<string, string>(declared.Attributes, StringComparer.Ordinal) { [AuxiliaryNotOwnerRule.EnforcementAttribute] = "true" };
    }

    private void Check(TaskDefaultsContext context, PoliceActivity activity, TaskSpec declared)
    {
        foreach (var outcome in declared.Outcomes.Where(o => activity.FindOutcome(o.Id) is null))
        {
            context.Warning(DiagnosticCodes.WarnTaskDefaults,
                $"outcome '{outcome.Id}' is not one of {activity.Key} ({string.Join(", ", activity.Outcomes.Select(o => o.Id))}); it is kept, without coded reasons");
        }
        foreach (var outcome in declared.Outcomes)
        {
            var codes = outcome.ReasonCodes.Count > 0 ? outcome.ReasonCodes : declared.ReasonCodes;
            if (activity.FindOutcome(outcome.Id) is { ReasonCodeList: { } listId } && _validator.CodeLists.Find(listId) is { } list
                && codes.Where(c => !list.Contains(c)).ToList() is { Count: > 0 } foreign)
            {
                // The catalogue check takes codes from the list only, so such a code could never be chosen.
                context.Error(DiagnosticCodes.Extension,
                    $"outcome '{outcome.Id}' allows reason codes that are not in the code list '{listId}': {string.Join(", ", foreign)}");
            }
        }
        foreach (var field in declared.Fields)
        {
            var known = activity.FindField(field.Id);
            if (known is not null && field.Type != "string" && FieldTypes.ToBpmn(known.Type) != field.Type)
            {
                context.Warning(DiagnosticCodes.WarnTaskDefaults,
                    $"field '{field.Id}' is a {FieldTypes.ToBpmn(known.Type)} in {activity.Key}; the file's type '{field.Type}' is not applied");
            }
            if (field.CodeList is { } list && list != CodeListIds.Unit && _validator.CodeLists.Find(list) is null)
            {
                context.Error(DiagnosticCodes.Extension, $"field '{field.Id}' names the code list '{list}', which does not exist");
            }
        }
    }

    private static IReadOnlyList<string> Separation(TaskDefaultsContext context, PoliceActivity activity) =>
        activity.SeparateFrom.Count == 0
            ? []
            : context.ProcessNodes
                .Where(n => n.Id != context.Node.Id && n.Task.ActivityType is { } t && activity.SeparateFrom.Contains(t, StringComparer.Ordinal))
                .Select(n => n.Id)
                .ToList();

    private static List<FormFieldSpec> MergeFields(PoliceActivity activity, TaskSpec declared)
    {
        var fields = new List<FormFieldSpec>(activity.Fields.Count + declared.Fields.Count);
        foreach (var field in activity.Fields)
        {
            var own = declared.Fields.FirstOrDefault(f => f.Id == field.Id);
            fields.Add(ToSpec(own is null ? field : EffectiveDeclarations.Field(field, own)));
        }
        fields.AddRange(declared.Fields.Where(f => activity.FindField(f.Id) is null));
        return fields;
    }

    private static FormFieldSpec ToSpec(ActivityField field) =>
        new(field.Id, FieldTypes.ToBpmn(field.Type), field.IsAlwaysRequired, field.Label.ZhCn, field.Label.En, field.CodeList);
}
