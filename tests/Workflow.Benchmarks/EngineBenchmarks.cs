using BenchmarkDotNet.Attributes;
using Workflow.Engine.Import;
using Workflow.Engine.Runtime;

namespace Workflow.Benchmarks;

/// <summary>
/// The in-memory engine on the police flows. The flow benchmarks report time and allocation per task
/// completion (<see cref="BenchmarkAttribute.OperationsPerInvoke"/> = completions of one run), so the
/// start of the instances is spread over the completions of the run, as it is in production.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private PoliceScenario _scenario = null!;
    private WorkflowEngine _engine = null!;
    private byte[] _caseState = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new PoliceScenario();
        _engine = new WorkflowEngine(new EngineOptions { Clock = TimeProvider.System });
        // OperationsPerInvoke must be a constant: check it against a real run.
        Check(_scenario.RunFullCase(_engine), PoliceScenario.FullCaseCompletions, nameof(PoliceFlow_FullCase));
        Check(_scenario.RunCaseOnly(_engine), PoliceScenario.CaseOnlyCompletions, nameof(PoliceCase_Only));
        var started = _engine.Start(_scenario.Case, new StartRequest { BusinessKey = "INC-0001", Variables = _scenario.CaseStartVariables }, out _);
        _caseState = InstanceStateSerializer.Serialize(started);
    }

    /// <summary>police-incident started, every task of the incident and the called case flow completed (its feedback sends it to the administrative case).</summary>
    [Benchmark(OperationsPerInvoke = PoliceScenario.FullCaseCompletions)]
    public int PoliceFlow_FullCase() => _scenario.RunFullCase(_engine);

    /// <summary>police-admin-case alone (administrative path), started and completed.</summary>
    [Benchmark(OperationsPerInvoke = PoliceScenario.CaseOnlyCompletions)]
    public int PoliceCase_Only() => _scenario.RunCaseOnly(_engine);

    /// <summary>police-incident started up to its first task.</summary>
    [Benchmark]
    public ProcessInstance Start_Only() => _scenario.StartIncident(_engine);

    /// <summary>The stored state of a case started with the incident's variables, read back as every durable command reads its instance.</summary>
    [Benchmark]
    public ProcessInstance State_Read() => InstanceStateSerializer.Deserialize(_caseState);

    /// <summary>police-incident.bpmn read, checked and compiled (expressions included).</summary>
    [Benchmark]
    public object? Import_PoliceIncident() => new BpmnImporter().Import(_scenario.IncidentXml).Document;

    private static void Check(int counted, int declared, string benchmark)
    {
        if (counted <= 0 || counted != declared)
        {
            throw new InvalidOperationException($"{benchmark}: one run completes {counted} tasks, OperationsPerInvoke says {declared}");
        }
    }
}
