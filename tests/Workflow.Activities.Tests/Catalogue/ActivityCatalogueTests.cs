using System.Text.RegularExpressions;
using Workflow.Activities.Catalogue;
using Workflow.Activities.CodeLists;
using Workflow.Engine.Timers;

namespace Workflow.Activities.Tests.Catalogue;

public partial class ActivityCatalogueTests
{
    private static readonly string[] KnownRoles =
    [
        PoliceRoles.CallTaker, PoliceRoles.Dispatcher, PoliceRoles.DutyOfficer, PoliceRoles.Officer, PoliceRoles.Auxiliary, PoliceRoles.UnitHead,
        PoliceRoles.LegalOfficer, PoliceRoles.CountyHead, PoliceRoles.Supervisor, PoliceRoles.Admin,
    ];

    /// <summary>The steps DOMAIN §3 names (issue 4, item 1), each of which must be in the catalogue.</summary>
    public static TheoryData<string> ReferenceSteps() =>
    [
        "police.register-incident", "police.dispatch", "police.acknowledge", "police.arrive", "police.feedback", "police.review-non-case",
        "police.intake", "police.intake-approval", "police.filing-decision", "police.admin-investigation", "police.legal-review",
        "police.approval", "police.decide-execute", "police.closure-review", "police.notify-reporter", "police.online-evaluation",
        "police.handover", "police.extension",
    ];

    public static TheoryData<string> Keys() => [.. ActivityCatalogue.Default.All.Select(a => a.Key)];

    private static PoliceActivity Activity(string key) => ActivityCatalogue.Default.Find(key)!;

    [GeneratedRegex("^police\\.[a-z]+(-[a-z]+)*$")]
    private static partial Regex KeyForm();

    [Theory]
    [MemberData(nameof(ReferenceSteps))]
    public void Find_ReturnsTheActivity_ForEveryStepOfTheReferenceFlow(string key)
    {
        Assert.NotNull(ActivityCatalogue.Default.Find(key));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Declaration_IsComplete_ForEveryActivity(string key)
    {
        var activity = Activity(key);

        Assert.Matches(KeyForm(), key);
        Assert.False(string.IsNullOrWhiteSpace(activity.Name.ZhCn));
        Assert.False(string.IsNullOrWhiteSpace(activity.Name.En));
        Assert.NotEmpty(activity.Roles);
        Assert.All(activity.Roles, r => Assert.Contains(r, KnownRoles));
        Assert.DoesNotContain(PoliceRoles.Auxiliary, activity.Roles);
        Assert.All(activity.SeparateFrom, s => Assert.NotNull(ActivityCatalogue.Default.Find(s)));
        Assert.DoesNotContain(key, activity.SeparateFrom);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Outcomes_PutTheForwardChoiceFirst_AndCodeEveryReason(string key)
    {
        var outcomes = Activity(key).Outcomes;

        Assert.Equal(outcomes.Count, outcomes.Select(o => o.Id).Distinct().Count());
        if (outcomes.Count > 0)
        {
            // The simulator and the gateways' default flows follow the first outcome: it must be the normal one.
            Assert.False(outcomes[0].RequiresReason, $"{key}: the first outcome '{outcomes[0].Id}' should need no reason");
        }
        foreach (var outcome in outcomes.Where(o => o.RequiresReason))
        {
            var list = CodeListCatalogue.Default.Find(outcome.ReasonCodeList ?? "");
            Assert.True(list is not null, $"{key}/{outcome.Id}: reason list '{outcome.ReasonCodeList}' does not exist");
            Assert.All(outcome.ReasonCodes, c => Assert.True(list!.Contains(c), $"{key}/{outcome.Id}: '{c}' is not in {list!.Id}"));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Fields_NameExistingCodeListsAndOutcomes(string key)
    {
        var activity = Activity(key);

        Assert.Equal(activity.Fields.Count, activity.Fields.Select(f => f.Id).Distinct().Count());
        foreach (var field in activity.Fields)
        {
            Assert.False(string.IsNullOrWhiteSpace(field.Label.ZhCn));
            Assert.False(string.IsNullOrWhiteSpace(field.Label.En));
            Assert.NotEqual("reasonCode", field.Id);
            Assert.NotEqual("outcome", field.Id);
            if (field.Type == FieldType.Code)
            {
                Assert.True(field.CodeList == CodeListIds.Unit || CodeListCatalogue.Default.Find(field.CodeList ?? "") is not null,
                    $"{key}.{field.Id}: code list '{field.CodeList}' does not exist");
            }
            Assert.All(field.RequiredFor, o => Assert.NotNull(activity.FindOutcome(o)));
        }
    }

    [Fact]
    public void IsEnforcementStep_IsFalse_OnlyForTheCommandCentresRecording()
    {
        var notEnforcement = ActivityCatalogue.Default.All.Where(a => !a.IsEnforcementStep).Select(a => a.Key).Order();

        Assert.Equal(["police.dispatch", "police.register-incident"], notEnforcement);
    }

    [Fact]
    public void Sla_FollowsDomainDefaults_ForTheTimedSteps()
    {
        Assert.Equal(D("PT1M"), Activity("police.dispatch").Sla!.Breach);
        var ack = Activity("police.acknowledge").Sla!;
        Assert.Equal((D("PT60S"), D("PT3M"), D("PT10M")), (ack.Warn, ack.Escalate, ack.Breach));
        var feedback = Activity("police.feedback").Sla!;
        Assert.Equal((D("PT60M"), D("PT24H")), (feedback.Warn, feedback.Breach));
        Assert.Equal(D("P30D"), Activity("police.admin-investigation").Sla!.Breach);
        Assert.Equal(D("P3D"), Activity("police.filing-decision").Sla!.Breach);
        Assert.Equal((D("P3D"), Sla.WorkingDays), (Activity("police.legal-review").Sla!.Breach, Activity("police.legal-review").Sla!.Calendar));
        Assert.Equal(D("P7D"), Activity("police.notify-reporter").Sla!.Breach);
        Assert.Equal(D("PT24H"), Activity("police.handover").Sla!.Breach);
        Assert.Equal(D("PT24H"), Activity("police.intake-approval").Sla!.Breach);
    }

    private static IsoDuration? D(string text) => IsoDuration.TryParse(text, out var d) ? d : throw new ArgumentException(text);

    [Fact]
    public void Documentation_ListsEveryActivity_WithBothNames()
    {
        var doc = File.ReadAllText(Support.ShippedFlows.Path("../docs/activities.md"));

        Assert.All(ActivityCatalogue.Default.All, a => Assert.Contains($"`{a.Key}` — {a.Name.ZhCn} / {a.Name.En}", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_Throws_WhenTwoActivitiesShareAKey()
    {
        Assert.Throws<ArgumentException>(() => new ActivityCatalogue([new Incident.Dispatch(), new Incident.Dispatch()]));
    }
}
