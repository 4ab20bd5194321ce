using Workflow.Host;
using Workflow.Host.Cli;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Storage;

if (CommandLine.IsVerb(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddWorkflowHost(builder.Configuration, builder.Environment);
var app = builder.Build();
await app.InitializeStorageAsync();
app.UseWorkflowHost(await app.InitializeIdentityAsync());
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to functional tests.</summary>
public partial class Program;
