using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflow.Host.Tests.Support;

/// <summary>The real host on its own SQLite file, deleted afterwards.</summary>
public sealed class WorkflowHostFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("workflow-host-").FullName;

    /// <summary>The host's SQLite file.</summary>
    public string DatabasePath => Path.Combine(_folder, "workflow.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={DatabasePath};Pooling=False");
        builder.UseSetting("Workflow:Database:TimerPollInterval", "00:00:00.200");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the temp folder is cleaned by the OS
        }
    }
}
