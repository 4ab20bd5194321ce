using BenchmarkDotNet.Running;
using Workflow.Benchmarks;
using Workflow.Benchmarks.Database;

if (args.Length > 0 && args[0] == "load")
{
    return LoadCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "trace")
{
    return TraceCommand.Run();
}
if (args.Length > 0 && args[0] == "db-load")
{
    return await DbLoadCommand.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "ledger-cost")
{
    return await LedgerCostCommand.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "inbox-load")
{
    return await InboxLoadCommand.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "memory")
{
    return await MemoryCommand.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point: BenchmarkDotNet, or the <c>load</c> / <c>trace</c> / <c>db-load</c> / <c>ledger-cost</c> / <c>inbox-load</c> / <c>memory</c> commands.</summary>
public partial class Program;
