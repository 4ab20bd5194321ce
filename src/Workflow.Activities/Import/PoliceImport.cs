using Workflow.Engine.Import;

namespace Workflow.Activities.Import;

/// <summary>The import options the product uses: registered service activities and the police activity catalogue.</summary>
public static class PoliceImport
{
    /// <summary>
    /// Options that check service task types against <see cref="ServiceActivities"/> and resolve user
    /// task types against the activity catalogue (<see cref="CatalogueTaskDefaults"/>).
    /// </summary>
    public static ImportOptions Options(CatalogueTaskDefaults? defaults = null) => new()
    {
        ActivityTypes = ServiceActivities.Create().Types,
        TaskDefaults = defaults ?? CatalogueTaskDefaults.Default,
    };
}
