using Workflow.Activities.CodeLists;
using Workflow.Activities.Rules;
using Workflow.Activities.Tests.Support;
using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;
using Workflow.Engine.Timers;

namespace Workflow.Activities.Tests.Import;

/// <summary>A task's wf:type resolved against the catalogue at import: defaults where the file is silent, the file where it speaks.</summary>
public class CatalogueTaskDefaultsTests
{
    [Fact]
    public void Apply_FillsEverythingFromTheCatalogue_WhenTheTaskNamesOnlyItsType()
    {
        var spec = Bpmn.Task(Bpmn.Chain("""<bpmn:userTask id="review" name="法制审核" wf:type="police.legal-review" />"""), "review");

        Assert.Equal(["legal-officer"], spec.Roles);
        Assert.Equal("Legal review", spec.NameEn);
        Assert.Equal(IsoDuration.TryParse("P3D", out var d) ? d : default, spec.Sla!.Breach);
        Assert.Equal("working-days", spec.Sla.Calendar);
        Assert.Equal(["pass", "return", "reject"], spec.Outcomes.Select(o => o.Id));
        Assert.Equal([false, true, true], spec.Outcomes.Select(o => o.RequiresReason));
        Assert.Equal("退回补正", spec.Outcomes[1].Label);
        var opinion = Assert.Single(spec.Fields);
        Assert.Equal(("reviewOpinion", "text", true, "Review opinion"), (opinion.Id, opinion.Type, opinion.Required, opinion.LabelEn));
        Assert.NotNull(spec.CompletionCheck);
    }

    [Fact]
    public void Apply_KeepsTheFilesDeclarations_WhenTheTaskOverridesThem()
    {
        var spec = Bpmn.Task(Bpmn.Chain("""
            <bpmn:userTask id="review" wf:type="police.legal-review" wf:roles="county-head" wf:nameEn="Filing review">
              <bpmn:extensionElements>
                <wf:sla breach="PT24H" />
                <wf:outcome id="pass" label="同意" />
                <wf:outcome id="return" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            """), "review");

        Assert.Equal(["county-head"], spec.Roles);
        Assert.Equal("Filing review", spec.NameEn);
        Assert.Equal(IsoDuration.TryParse("PT24H", out var d) ? d : default, spec.Sla!.Breach);
        Assert.Equal("calendar", spec.Sla.Calendar);
        Assert.Equal(["pass", "return"], spec.Outcomes.Select(o => o.Id));
        Assert.Equal(("同意", "Pass"), (spec.Outcomes[0].Label, spec.Outcomes[0].LabelEn));
        // The file did not write requiresReason on "return": the catalogue's stays, a file can tighten but not loosen.
        Assert.True(spec.Outcomes[1].RequiresReason);
    }

    [Fact]
    public void Apply_MergesFieldsById_WhenTheFileRedeclaresOrAddsFields()
    {
        var spec = Bpmn.Task(Bpmn.Chain("""
            <bpmn:userTask id="decide" wf:type="police.decide-execute">
              <bpmn:extensionElements>
                <wf:field id="decision" type="code" codeList="criminal-decision" label="刑事处理决定" />
                <wf:field id="executionNote" type="text" required="true" />
                <wf:field id="custodyPlace" type="string" label="羁押场所" labelEn="Place of custody" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            """), "decide");

        Assert.Equal(["decision", "decisionNo", "decidedAt", "noticeDeliveredAt", "executionNote", "custodyPlace"], spec.Fields.Select(f => f.Id));
        var decision = spec.Fields[0];
        Assert.Equal(("criminal-decision", "刑事处理决定", "Decision", true), (decision.CodeList, decision.Label, decision.LabelEn, decision.Required));
        Assert.True(spec.Fields.Single(f => f.Id == "executionNote").Required);
    }

    [Fact]
    public void Apply_ResolvesTheCataloguesSeparation_IntoTheTasksOfThoseTypes()
    {
        var spec = Bpmn.Task(Bpmn.Chain(
            """<bpmn:userTask id="intake" wf:type="police.intake" />""",
            """<bpmn:userTask id="investigate" wf:type="police.admin-investigation" />""",
            """<bpmn:userTask id="review" wf:type="police.legal-review" />""",
            """<bpmn:userTask id="approve" wf:type="police.approval" />"""), "review");

        Assert.Equal(["intake", "investigate", "approve"], spec.NotSameAs);
    }

    [Fact]
    public void Apply_KeepsTheFilesSeparation_WhenItDeclaresOne()
    {
        var spec = Bpmn.Task(Bpmn.Chain(
            """<bpmn:userTask id="intake" wf:type="police.intake" />""",
            """<bpmn:userTask id="review" wf:type="police.legal-review"><bpmn:extensionElements><wf:separation notSameAs="intake" /></bpmn:extensionElements></bpmn:userTask>""",
            """<bpmn:userTask id="approve" wf:type="police.approval" />"""), "review");

        Assert.Equal(["intake"], spec.NotSameAs);
    }

    [Fact]
    public void Apply_SuppliesDutyEnforcementLocksAndReasonCodes_WhenTheFileIsSilent()
    {
        var process = Bpmn.Process(Bpmn.Chain(
            """<bpmn:userTask id="investigate" wf:type="police.admin-investigation" />""",
            """<bpmn:userTask id="review" wf:type="police.legal-review" />""",
            """<bpmn:userTask id="approve" wf:type="police.approval" />""",
            """<bpmn:userTask id="decide" wf:type="police.decide-execute" />""",
            """<bpmn:userTask id="dispatch" wf:type="police.dispatch" />"""));
        TaskSpec Spec(string id) => process.FindNode(id)!.Task;

        Assert.Equal(["handler", "reviewer", "approver", "handler", null], new[] { "investigate", "review", "approve", "decide", "dispatch" }.Select(id => Spec(id).Duty));
        Assert.True(Spec("investigate").Flag(AuxiliaryNotOwnerRule.EnforcementAttribute));
        Assert.False(Spec("dispatch").Flag(AuxiliaryNotOwnerRule.EnforcementAttribute)); // a dispatcher's step is no enforcement
        Assert.Contains("decision", Spec("decide").Locks);
        Assert.Contains("proposedDecision", Spec("decide").Locks);
        Assert.Empty(Spec("review").Locks);
        // The whole review-defect list for a return, as the engine's own reason check reads it.
        var codes = Spec("review").FindOutcome("return")!.ReasonCodes;
        Assert.Equal(CodeListCatalogue.Default.Find(CodeListIds.ReviewDefect)!.Items.Select(i => i.Code), codes);
        Assert.Empty(Spec("review").FindOutcome("pass")!.ReasonCodes);
    }

    [Fact]
    public void Apply_PointsTheApproversOverrideAtTheLegalReview_OfTheSameProcess()
    {
        var process = Bpmn.Process(Bpmn.Chain(
            """<bpmn:userTask id="review" wf:type="police.legal-review" />""",
            """<bpmn:userTask id="contested" wf:type="police.approval" />"""));

        var outcomes = process.FindNode("contested")!.Task.Outcomes;
        Assert.Equal("review", outcomes.Single(o => o.Id == "override").Overrides);
        Assert.Null(outcomes.Single(o => o.Id == "approve").Overrides);
    }

    [Fact]
    public void Apply_KeepsTheFilesDutyLocksEnforcementAndCodes_WhenItDeclaresThem()
    {
        var spec = Bpmn.Task(Bpmn.Chain("""
            <bpmn:userTask id="review" wf:type="police.legal-review" wf:duty="legal" wf:locks="reviewOpinion" wf:enforcement="false">
              <bpmn:extensionElements>
                <wf:outcome id="pass" />
                <wf:outcome id="return" reasonCodes="insufficient-evidence wrong-law" />
                <wf:outcome id="reject" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            """), "review");

        Assert.Equal("legal", spec.Duty);
        Assert.Equal(["reviewOpinion"], spec.Locks);
        Assert.False(spec.Flag(AuxiliaryNotOwnerRule.EnforcementAttribute));
        Assert.Equal(["insufficient-evidence", "wrong-law"], spec.FindOutcome("return")!.ReasonCodes);
        Assert.Contains("unclear-facts", spec.FindOutcome("reject")!.ReasonCodes); // the catalogue's, the file named none
    }

    [Fact]
    public void Apply_ReportsAnError_WhenTheFileAllowsAReasonCodeOutsideTheCataloguesList()
    {
        var result = Bpmn.Import(Bpmn.Chain("""
            <bpmn:userTask id="t" wf:type="police.legal-review"><bpmn:extensionElements><wf:outcome id="pass" /><wf:outcome id="return" reasonCodes="insufficient-evidence late" /></bpmn:extensionElements></bpmn:userTask>
            """));

        Assert.Contains(result.Errors, e => e.Code == DiagnosticCodes.Extension && e.ElementId == "t" && e.Message.Contains("late", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_ReportsAnError_WhenAPoliceTypeIsNotInTheCatalogue()
    {
        var result = Bpmn.Import(Bpmn.Chain("""<bpmn:userTask id="t" wf:type="police.legal-reveiw" />"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal((DiagnosticCodes.UnknownActivityType, "t"), (error.Code, error.ElementId));
        Assert.Contains("police.legal-review", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ReportsAnError_WhenAFieldNamesACodeListThatDoesNotExist()
    {
        var result = Bpmn.Import(Bpmn.Chain("""
            <bpmn:userTask id="t" wf:type="police.dispatch"><bpmn:extensionElements><wf:field id="area" type="code" codeList="areas" /></bpmn:extensionElements></bpmn:userTask>
            """));

        Assert.Contains(result.Errors, e => e.Code == DiagnosticCodes.Extension && e.Message.Contains("'areas'", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_WarnsButKeepsTheOutcome_WhenTheFileAddsOneTheCatalogueDoesNotKnow()
    {
        var result = Bpmn.Import(Bpmn.Chain("""
            <bpmn:userTask id="t" wf:type="police.approval"><bpmn:extensionElements><wf:outcome id="approve" /><wf:outcome id="defer" requiresReason="true" /></bpmn:extensionElements></bpmn:userTask>
            """));

        Assert.True(result.IsValid);
        Assert.Contains(result.Warnings, w => w.Code == DiagnosticCodes.WarnTaskDefaults && w.Message.Contains("'defer'", StringComparison.Ordinal));
        Assert.Equal(["approve", "defer"], result.Document!.Processes[0].FindNode("t")!.Task.Outcomes.Select(o => o.Id));
    }

    [Fact]
    public void Apply_LeavesATask_WhenItsTypeBelongsToNoCatalogue()
    {
        var spec = Bpmn.Task(Bpmn.Chain("""<bpmn:userTask id="t" wf:type="custom-step" wf:roles="officer" />"""), "t");

        Assert.Equal(("custom-step", null), (spec.ActivityType, spec.CompletionCheck));
        Assert.Empty(spec.Outcomes);
    }

    [Fact]
    public void CompleteTask_RefusesWithEveryProblemInBothLanguages_WhenTheCatalogueCheckFails()
    {
        var definition = Bpmn.Process(Bpmn.Chain("""<bpmn:userTask id="review" wf:type="police.legal-review" />"""));
        var engine = new WorkflowEngine(new EngineOptions { Clock = new VirtualClock(Samples.Now) });
        var instance = engine.Start(definition, null, out _);
        var task = instance.Tasks[0];

        var refused = engine.CompleteTask(definition, instance, task.Id, new TaskCompletion
        {
            Outcome = "return",
            ReasonCode = "bad-code",
            Data = new Dictionary<string, object?> { ["unit"] = "x" },
        });

        Assert.False(refused.Succeeded);
        Assert.Equal("reason-required", refused.Error!.Code);
        Assert.Equal(["reason-required", "reason-code-unknown", "field-unknown", "field-required"], refused.Error.Problems.Select(p => p.Code));
        Assert.All(refused.Error.Problems, p => Assert.False(string.IsNullOrEmpty(p.Translations["zh-CN"])));
        Assert.Single(instance.Tasks); // nothing changed

        var accepted = engine.CompleteTask(definition, instance, task.Id, new TaskCompletion
        {
            Outcome = "return",
            ReasonCode = "insufficient-evidence",
            Reason = "缺少证人证言",
            Data = new Dictionary<string, object?> { ["reviewOpinion"] = "补充证人证言" },
        });
        Assert.True(accepted.Succeeded, accepted.Error?.Message);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
    }

    [Fact]
    public void CompleteTask_SkipsTheCatalogueCheck_WhenTheEngineIsToldNotToCheck()
    {
        var definition = Bpmn.Process(Bpmn.Chain("""<bpmn:userTask id="dispatch" wf:type="police.dispatch" />"""));
        var engine = new WorkflowEngine(new EngineOptions { CheckCompletions = false });
        var instance = engine.Start(definition, null, out _);

        // The engine's own rule (required fields) still applies; the catalogue's code list and form rules do not.
        var result = engine.CompleteTask(definition, instance, instance.Tasks[0].Id,
            new TaskCompletion { Data = new Dictionary<string, object?> { ["unit"] = "no unit at all!", ["area"] = "moon" } });

        Assert.True(result.Succeeded, result.Error?.Message);
    }
}
