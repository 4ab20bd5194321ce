using Workflow.Host.Cli;

if (CommandLine.IsVerb(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Workflow");
app.Run();
return 0;

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
