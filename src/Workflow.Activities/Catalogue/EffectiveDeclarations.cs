using Workflow.Engine.Model;

namespace Workflow.Activities.Catalogue;

/// <summary>
/// A task's effective form and outcomes: the catalogue's declarations, with what the BPMN file says
/// on top. The BPMN may relabel, add fields and outcomes, choose another code list and tighten
/// <c>required</c>/<c>requiresReason</c>; it cannot loosen them (the file cannot say "not required":
/// an absent attribute reads as false, so only "true" carries meaning).
/// </summary>
internal static class EffectiveDeclarations
{
    public static IReadOnlyList<ActivityField> Fields(PoliceActivity activity, TaskSpec? spec) =>
        spec is null ? activity.Fields : spec.Fields.Select(f => Field(activity.FindField(f.Id), f)).ToList();

    public static IReadOnlyList<ActivityOutcome> Outcomes(PoliceActivity activity, TaskSpec? spec) =>
        spec is null ? activity.Outcomes : spec.Outcomes.Select(o => Outcome(activity.FindOutcome(o.Id), o)).ToList();

    public static ActivityField Field(ActivityField? catalogue, FormFieldSpec declared)
    {
        if (catalogue is null)
        {
            return new ActivityField(declared.Id, FieldTypes.FromBpmn(declared.Type),
                new LocalizedText(declared.Label ?? declared.LabelEn ?? declared.Id, declared.LabelEn ?? declared.Label ?? declared.Id))
            {
                Required = declared.Required,
                CodeList = declared.CodeList,
            };
        }
        return catalogue with
        {
            Label = new LocalizedText(declared.Label ?? catalogue.Label.ZhCn, declared.LabelEn ?? catalogue.Label.En),
            CodeList = catalogue.Type == FieldType.Code ? declared.CodeList ?? catalogue.CodeList : catalogue.CodeList,
            Required = catalogue.Required || declared.Required,
            RequiredFor = declared.Required ? [] : catalogue.RequiredFor,
        };
    }

    public static ActivityOutcome Outcome(ActivityOutcome? catalogue, OutcomeSpec declared)
    {
        if (catalogue is null)
        {
            return new ActivityOutcome(declared.Id, new LocalizedText(declared.Label ?? declared.LabelEn ?? declared.Id, declared.LabelEn ?? declared.Label ?? declared.Id))
            {
                RequiresReason = declared.RequiresReason,
            };
        }
        return catalogue with
        {
            Label = new LocalizedText(declared.Label ?? catalogue.Label.ZhCn, declared.LabelEn ?? catalogue.Label.En),
            RequiresReason = catalogue.RequiresReason || declared.RequiresReason,
            // Codes the file gave the outcome (or the import expanded from the code list) narrow the catalogue's.
            ReasonCodes = declared.ReasonCodes.Count > 0 ? declared.ReasonCodes : catalogue.ReasonCodes,
        };
    }
}
