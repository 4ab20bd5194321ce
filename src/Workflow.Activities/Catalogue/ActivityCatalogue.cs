using Workflow.Activities.Case;
using Workflow.Activities.CrossCutting;
using Workflow.Activities.Incident;

namespace Workflow.Activities.Catalogue;

/// <summary>The police activities by <c>wf:type</c> key.</summary>
public sealed class ActivityCatalogue
{
    /// <summary>Prefix of every shipped key: a <c>wf:type</c> with it must name a catalogue activity.</summary>
    public const string KeyPrefix = "police.";

    private static readonly Lazy<ActivityCatalogue> Shipped = new(() => new ActivityCatalogue(
    [
        new RegisterIncident(), new Dispatch(), new Acknowledge(), new Arrive(), new Feedback(), new ReviewNonCase(),
        new Intake(), new IntakeApproval(), new FilingDecision(), new AdminInvestigation(), new CriminalInvestigation(),
        new LegalReview(), new Approval(), new Correction(), new DecideExecute(), new ClosureReview(), new NotifyReporter(),
        new OnlineEvaluation(), new Handover(), new Extension(), new Supervise(),
    ]));

    private readonly Dictionary<string, PoliceActivity> _byKey;

    /// <summary>Creates a catalogue; keys must be unique.</summary>
    public ActivityCatalogue(IEnumerable<PoliceActivity> activities)
    {
        All = activities.ToList();
        _byKey = new Dictionary<string, PoliceActivity>(StringComparer.Ordinal);
        foreach (var activity in All)
        {
            if (!_byKey.TryAdd(activity.Key, activity))
            {
                throw new ArgumentException($"activity key '{activity.Key}' is used twice", nameof(activities));
            }
        }
    }

    /// <summary>The shipped catalogue.</summary>
    public static ActivityCatalogue Default => Shipped.Value;

    /// <summary>Every activity, in the order of the reference flow.</summary>
    public IReadOnlyList<PoliceActivity> All { get; }

    /// <summary>Finds an activity by key.</summary>
    public PoliceActivity? Find(string? key) => key is null ? null : _byKey.GetValueOrDefault(key);
}
