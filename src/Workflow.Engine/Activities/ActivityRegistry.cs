namespace Workflow.Engine.Activities;

/// <summary>Service activities by wf:type.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IServiceActivity> _activities = new(StringComparer.Ordinal);

    /// <summary>Registers an activity; a second one for the same type replaces the first.</summary>
    public ActivityRegistry Register(IServiceActivity activity)
    {
        _activities[activity.Type] = activity;
        return this;
    }

    /// <summary>Looks an activity up.</summary>
    public bool TryGet(string type, out IServiceActivity activity) => _activities.TryGetValue(type, out activity!);

    /// <summary>Registered types (for import validation).</summary>
    public IReadOnlySet<string> Types => _activities.Keys.ToHashSet(StringComparer.Ordinal);
}
