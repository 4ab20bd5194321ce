using Workflow.Host;
using Workflow.Host.Cli;

if (CommandLine.IsVerb(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddWorkflowHost(builder.Configuration);
var app = builder.Build();
app.UseWorkflowHost();
app.Run();
return 0;

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
