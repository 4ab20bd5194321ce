using Workflow.Engine.Accountability;
using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Simulation;

namespace Workflow.Benchmarks;

/// <summary>
/// The police flows loaded once, with a precomputed completion for every user task, so that a run
/// measures the engine (start, task completion, call activity) and not the building of form data.
/// </summary>
internal sealed class PoliceScenario
{
    /// <summary>Task completions of one full case: incident flow (5) + administrative case flow (9).</summary>
    public const int FullCaseCompletions = 14;

    /// <summary>Task completions of the administrative case flow alone.</summary>
    public const int CaseOnlyCompletions = 9;

    private readonly Dictionary<(string Process, string Element), TaskCompletion> _completions = [];

    public PoliceScenario(string? workflowsDirectory = null)
    {
        var dir = workflowsDirectory ?? FindWorkflowsDirectory();
        IncidentXml = File.ReadAllText(Path.Combine(dir, "police-incident.bpmn"));
        CaseXml = File.ReadAllText(Path.Combine(dir, "police-admin-case.bpmn"));
        CriminalCaseXml = File.ReadAllText(Path.Combine(dir, "police-criminal-case.bpmn"));
        IncidentDocument = Import(IncidentXml, "police-incident.bpmn");
        CaseDocument = Import(CaseXml, "police-admin-case.bpmn");
        CriminalCaseDocument = Import(CriminalCaseXml, "police-criminal-case.bpmn");
        Incident = IncidentDocument.FindProcess("police-incident") ?? throw new InvalidOperationException("process police-incident not found");
        Case = CaseDocument.FindProcess("police-admin-case") ?? throw new InvalidOperationException("process police-admin-case not found");
        CriminalCase = CriminalCaseDocument.FindProcess("police-criminal-case") ?? throw new InvalidOperationException("process police-criminal-case not found");

        // The values a person would enter; everything else required gets AutoCompletion's placeholder.
        var given = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["unit"] = "unit-001",
            ["parentIncidentId"] = "INC-0001",
        };
        var now = new DateTimeOffset(2026, 1, 1, 8, 30, 0, TimeSpan.Zero);
        foreach (var definition in new[] { Incident, Case, CriminalCase })
        {
            foreach (var node in definition.Nodes.Where(n => n.Kind == NodeKind.UserTask))
            {
                _completions[(definition.Id, node.Id)] = AutoCompletion.For(node, given, now);
            }
        }
        // The bare engine asks only for required fields; the feedback's disposition (required by the catalogue
        // for "submit" only) is what sends the incident to the administrative case flow.
        _completions[(Incident.Id, "Task_Feedback")] = new TaskCompletion
        {
            Outcome = "submit",
            Data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["disposition"] = "to-admin-case", ["isCase"] = true },
        };
        CaseStartVariables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["unit"] = "unit-001" };
    }

    public string IncidentXml { get; }
    /// <summary>The administrative case flow, the one a full case runs.</summary>
    public string CaseXml { get; }
    public string CriminalCaseXml { get; }
    public BpmnDocument IncidentDocument { get; }
    public BpmnDocument CaseDocument { get; }
    public BpmnDocument CriminalCaseDocument { get; }
    public ProcessDefinition Incident { get; }
    public ProcessDefinition Case { get; }
    public ProcessDefinition CriminalCase { get; }

    /// <summary>Variables the case flow needs when started on its own (the incident flow passes them down).</summary>
    public IReadOnlyDictionary<string, object?> CaseStartVariables { get; }

    public TaskCompletion CompletionFor(string processId, string elementId) => _completions[(processId, elementId)];

    /// <summary>
    /// The person who takes a task of a case in the durable runtime: one person per step of each case (so that separation
    /// of duties holds), holding the step's roles, in the task's unit.
    /// </summary>
    public Actor ActorFor(ProcessInstance instance, WorkItem task, string businessKey)
    {
        var definition = instance.ProcessId == Case.Id ? Case : instance.ProcessId == CriminalCase.Id ? CriminalCase : Incident;
        return Actor.Person($"{businessKey}/{task.ElementId}", definition.Nodes[task.Node].Task.Roles, task.Unit);
    }

    /// <summary>
    /// Starts police-incident in a fresh in-memory runtime and completes the first open task of the
    /// deepest waiting instance until the incident instance ends; returns the number of completions.
    /// </summary>
    public int RunFullCase(WorkflowEngine engine, List<string>? trace = null)
    {
        var runtime = new InMemoryRuntime(engine);
        runtime.Deploy(Incident);
        runtime.Deploy(Case);
        runtime.Deploy(CriminalCase);
        var root = runtime.Start(Incident.Id, new StartRequest { BusinessKey = "INC-0001" }, out var started);
        Ensure(started);
        var completions = 0;
        while (!root.IsEnded)
        {
            var instance = Waiting(runtime, root);
            var task = instance.Tasks[0];
            trace?.Add($"{instance.ProcessId}/{task.ElementId}");
            Ensure(runtime.CompleteTask(instance, task.Id, _completions[(instance.ProcessId, task.ElementId)]));
            completions++;
        }
        return root.Status == InstanceStatus.Completed ? completions : throw new InvalidOperationException($"incident ended {root.Status}");
    }

    /// <summary>Runs police-admin-case alone with the engine (no runtime needed: it calls nothing).</summary>
    public int RunCaseOnly(WorkflowEngine engine, List<string>? trace = null)
    {
        var instance = engine.Start(Case, new StartRequest { BusinessKey = "INC-0001", Variables = CaseStartVariables }, out var started);
        Ensure(started);
        var completions = 0;
        while (!instance.IsEnded)
        {
            var task = instance.Tasks[0];
            trace?.Add($"{instance.ProcessId}/{task.ElementId}");
            Ensure(engine.CompleteTask(Case, instance, task.Id, _completions[(Case.Id, task.ElementId)]));
            completions++;
        }
        return instance.Status == InstanceStatus.Completed ? completions : throw new InvalidOperationException($"case ended {instance.Status}");
    }

    /// <summary>Starts police-incident up to its first task (the registration).</summary>
    public ProcessInstance StartIncident(WorkflowEngine engine)
    {
        var instance = engine.Start(Incident, new StartRequest { BusinessKey = "INC-0001" }, out var started);
        Ensure(started);
        return instance;
    }

    /// <summary>The instance with an open task: the root, or the process its call activity waits on.</summary>
    private static ProcessInstance Waiting(InMemoryRuntime runtime, ProcessInstance root)
    {
        var instance = root;
        while (instance.Tasks.Count == 0)
        {
            ProcessInstance? child = null;
            foreach (var token in instance.Tokens)
            {
                if (token.ChildInstance is { } id)
                {
                    child = runtime.FindInstance(id);
                    break;
                }
            }
            instance = child ?? throw new InvalidOperationException($"instance {instance.ProcessId} waits on nothing a person can complete");
        }
        return instance;
    }

    private static void Ensure(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{result.Error!.Code}: {result.Error.Message}");
        }
    }

    private static BpmnDocument Import(string xml, string name)
    {
        var result = new BpmnImporter().Import(xml);
        return result.Document ?? throw new InvalidOperationException(
            $"{name} does not import: {string.Join("; ", result.Errors.Select(e => $"{e.Code} {e.Message}"))}");
    }

    private static string FindWorkflowsDirectory()
    {
        // BenchmarkDotNet runs the benchmark from a generated project under bin/, so walk up to the repository.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (File.Exists(Path.Combine(candidate, "police-incident.bpmn")))
            {
                return candidate;
            }
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (File.Exists(Path.Combine(candidate, "police-incident.bpmn")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("workflows/police-incident.bpmn not found above " + AppContext.BaseDirectory);
    }
}
