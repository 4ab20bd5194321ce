using Workflow.Engine.Activities;

namespace Workflow.Activities;

/// <summary>The service activities this product registers with the engine.</summary>
public static class ServiceActivities
{
    /// <summary>A registry holding every built-in service activity.</summary>
    public static ActivityRegistry Create() => new ActivityRegistry().Register(new NoOpActivity());
}
