using System.Collections.Concurrent;
using Workflow.Engine.Activities;
using Workflow.Engine.Import;
using Workflow.Engine.Model;
using Workflow.Engine.Simulation;

namespace Workflow.Engine.Tests.Corpus;

/// <summary>
/// Imports and simulates corpus files the way the command line does (Workflow.Host FileImport and
/// SimulateCommand): the file alone, then its call activities checked against the processes of the
/// other .bpmn files of its folder, which also resolve called processes during the simulation.
/// </summary>
internal static class CorpusImport
{
    private static readonly BpmnImporter Importer = new(new ImportOptions { ActivityTypes = new ActivityRegistry().Register(new NoOpActivity()).Types });
    private static readonly ConcurrentDictionary<string, Lazy<Task<ImportResult>>> Cache = new(StringComparer.Ordinal);

    /// <summary>What importing one file as the command line does gives.</summary>
    public sealed record Imported(string File, ImportResult Result, IReadOnlyList<ProcessDefinition> Companions);

    /// <summary>
    /// A small flow touching the importer, both expression paths, the script lint, timers and the
    /// simulator: run once, outside the time bound, so that the first corpus file is not charged with
    /// loading and compiling the engine (seconds on a busy machine).
    /// </summary>
    private const string WarmUpXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="warm" targetNamespace="urn:warm-up">
          <bpmn:message id="m" name="m" />
          <bpmn:process id="warm-up" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="script" />
            <bpmn:scriptTask id="script" scriptFormat="javascript"><bpmn:script>var n = [1, 2].map(function (i) { return i * 2; }); setVariable('n', n.length);</bpmn:script></bpmn:scriptTask>
            <bpmn:sequenceFlow id="f2" sourceRef="script" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="f4" />
            <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="task"><bpmn:conditionExpression>n &gt; 1 &amp;&amp; [1, 2].indexOf(n) &gt;= 0</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="task" />
            <bpmn:userTask id="task"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            <bpmn:boundaryEvent id="late" attachedToRef="task" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f5" sourceRef="late" targetRef="lateEnd" />
            <bpmn:endEvent id="lateEnd" />
            <bpmn:sequenceFlow id="f6" sourceRef="task" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f7" sourceRef="wait" targetRef="e" />
            <bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Lazy<Task> WarmUp = new(() => Task.Run(() =>
    {
        var result = Importer.Import(WarmUpXml);
        if (result.Document is not null)
        {
            new Simulator().Run(result.Document, null, null);
        }
    }));

    /// <summary>Imports a corpus file (relative path) and checks it against its folder.</summary>
    public static async Task<Imported> ImportAsync(string relative)
    {
        await WarmUp.Value;
        var path = CorpusLocation.PathOf(relative);
        var alone = await Bounded.Await(relative, "import", ImportAlone(path));
        if (alone.Document is null)
        {
            return new Imported(relative, alone, []);
        }
        var companions = new List<ProcessDefinition>();
        foreach (var sibling in Siblings(path))
        {
            var imported = await Bounded.Await(Path.GetRelativePath(CorpusLocation.Corpus!, sibling), "import", ImportAlone(sibling));
            companions.AddRange(imported.Document?.Processes ?? []);
        }
        var checkedResult = await Bounded.Run(relative, "call graph check",
            () => alone.WithCrossFileErrors(CallGraphCheck.Check(alone.Document, companions)));
        return new Imported(relative, checkedResult, companions);
    }

    /// <summary>Simulates an accepted file; called processes are looked up among its companions.</summary>
    public static Task<SimulationResult> SimulateAsync(Imported imported, IReadOnlyDictionary<string, object?>? variables) =>
        Bounded.Run(imported.File, "simulation", () =>
            new Simulator(id => imported.Companions.FirstOrDefault(p => p.Id == id)).Run(imported.Result.Document!, null, variables));

    private static Task<ImportResult> ImportAlone(string path) =>
        Cache.GetOrAdd(path, p => new Lazy<Task<ImportResult>>(() => Task.Run(() => Importer.Import(File.ReadAllText(p))))).Value;

    /// <summary>The other .bpmn files of the folder, in the order the command line reads them.</summary>
    private static IEnumerable<string> Siblings(string path) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.bpmn")
            .Select(Path.GetFullPath)
            .Where(f => f != path)
            .Order(StringComparer.Ordinal);
}
