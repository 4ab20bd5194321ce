namespace Workflow.Engine.Simulation;

/// <summary>What a simulation run did and where it stopped.</summary>
public sealed class SimulationResult
{
    /// <summary>Process simulated.</summary>
    public required string ProcessId { get; init; }
    /// <summary>True when the process (and every process it called) completed.</summary>
    public required bool Completed { get; init; }
    /// <summary>Element ids in the order tokens entered them.</summary>
    public required IReadOnlyList<string> Trace { get; init; }
    /// <summary>What the run still waits on when it stopped (messages).</summary>
    public required IReadOnlyList<SimulationWait> Waiting { get; init; }
    /// <summary>Incidents and stuck tokens.</summary>
    public required IReadOnlyList<SimulationIncident> Incidents { get; init; }
    /// <summary>Commands run (task completions and timer firings).</summary>
    public required int Steps { get; init; }

    /// <summary>True when the run completed or waits only on messages, with no incident or stuck token.</summary>
    public bool IsClean => Incidents.Count == 0 && (Completed || Waiting.All(w => w.Kind == "message"));
}

/// <summary>A wait left open at the end of a simulation.</summary>
public sealed record SimulationWait(string ElementId, string Kind, string? Message);

/// <summary>An incident or stuck token found during a simulation.</summary>
public sealed record SimulationIncident(string ElementId, string Code, string Message);
