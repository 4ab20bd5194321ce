namespace Workflow.Host.Cli;

/// <summary>The command-line verbs of the Host executable: validate and simulate BPMN files, verify the ledger.</summary>
public static class CommandLine
{
    /// <summary>Exit code: everything valid / simulation clean.</summary>
    public const int Ok = 0;
    /// <summary>Exit code: an internal fault (a bug), never bad input.</summary>
    public const int Fault = 1;
    /// <summary>Exit code of <c>verify-ledger</c>: the ledger was tampered with (the same code as <see cref="Fault"/>: either needs a person).</summary>
    public const int Tampered = 1;
    /// <summary>Exit code: invalid input (file, arguments, variables).</summary>
    public const int Invalid = 2;
    /// <summary>Exit code: simulation stopped on an incident or a stuck token.</summary>
    public const int Incident = 3;

    /// <summary>True when the arguments name a command-line verb rather than starting the web host.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && args[0] is "validate" or "simulate" or "verify-ledger" or "help" or "--help";

    /// <summary>Runs a verb; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args[0] switch
            {
                "validate" => ValidateCommand.Run(args[1..], output, error),
                "simulate" => SimulateCommand.Run(args[1..], output, error),
                // A console process without a synchronisation context: blocking here cannot deadlock.
                "verify-ledger" => VerifyLedgerCommand.RunAsync(args[1..], output, error).GetAwaiter().GetResult(),
                _ => Help(output),
            };
        }
        catch (Exception ex)
        {
            error.WriteLine($"internal error: {ex}");
            return Fault;
        }
    }

    internal static int Help(TextWriter output)
    {
        output.WriteLine("""
            Usage:
              Workflow.Host validate <file.bpmn>... [--json]
                  exit 0 when every file is valid, 2 when one is invalid, 1 on an internal fault
              Workflow.Host simulate <file.bpmn> [--json] [--vars '{"name": value}'] [--process <id>]
                  runs the flow in memory: user tasks completed with their first outcome, timers fired,
                  until it completes or waits only on messages. Called processes are looked up in the
                  same file, then in the other .bpmn files of its folder.
                  exit 0 when it completed or waits on messages, 3 on an incident or stuck token,
                  2 on invalid input, 1 on an internal fault
              Workflow.Host verify-ledger [--json] [--checkpoint] [--ConnectionStrings:Workflow=<cs>] [--Workflow:Database:Provider=<p>]
                  verifies the accountability ledger of the configured database (the host's configuration,
                  overridable as shown) and names the first bad entry; --checkpoint seals a clean ledger.
                  exit 0 when intact, 1 when tampered with (or on an internal fault), 2 when the database
                  cannot be read or is not a Workflow database
              Workflow.Host
                  starts the web host
            """);
        return Ok;
    }
}
