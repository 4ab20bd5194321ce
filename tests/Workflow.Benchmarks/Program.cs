using BenchmarkDotNet.Running;
using Workflow.Benchmarks;

if (args.Length > 0 && args[0] == "load")
{
    return LoadCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "trace")
{
    return TraceCommand.Run();
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point: BenchmarkDotNet, or the <c>load</c> / <c>trace</c> commands.</summary>
public partial class Program;
