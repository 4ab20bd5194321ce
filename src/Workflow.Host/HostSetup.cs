using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Workflow.Activities.Import;
using Workflow.Engine.Import;
using Mediator;
using Workflow.Host.Features.Commands;
using Workflow.Host.Features.Definitions;
using Workflow.Host.Features.Home;
using Workflow.Host.Features.Identity;
using Workflow.Host.Features.Instances;
using Workflow.Host.Features.Ledger;
using Workflow.Host.Features.Metrics;
using Workflow.Host.Features.Storage;
using Workflow.Host.Features.Tasks;
using Workflow.Host.Features.Timers;
using Workflow.Host.Features.Trace;

namespace Workflow.Host;

/// <summary>Composition of the web host, kept out of Program.cs.</summary>
public static class HostSetup
{
    /// <summary>Registers options, the importer and the definition catalog.</summary>
    public static IServiceCollection AddWorkflowHost(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefinitionsPath), "Workflow:DefinitionsPath must name a folder")
            .ValidateOnStart();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        // User tasks take their roles, clocks, outcomes, form and completion check from the activity catalogue (wf:type).
        services.AddSingleton(_ => new BpmnImporter(PoliceImport.Options()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;
            var folder = Path.IsPathRooted(options.DefinitionsPath) ? options.DefinitionsPath : Path.Combine(AppContext.BaseDirectory, options.DefinitionsPath);
            return new DefinitionCatalog(folder, sp.GetRequiredService<BpmnImporter>());
        });
        services.AddWorkflowStorage(configuration, environment);
        services.AddWorkflowTimers(configuration);
        services.AddWorkflowLedger(configuration);
        services.AddWorkflowIdentity(configuration, environment);
        services.AddWorkflowMetrics();
        services.AddSingleton<InboxOwner>();
        services.AddSingleton<CaseAccess>();
        // Every workflow command goes through the mediator, so that CommandAudit counts and logs each refusal.
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.PipelineBehaviors = [typeof(CommandAudit<,>)];
        });
        return services;
    }

    /// <summary>Maps endpoints and prints where the host listens, and how to sign in.</summary>
    /// <param name="app">The application.</param>
    /// <param name="signIn">Lines about the accounts to print once the host listens (the demo logins).</param>
    public static WebApplication UseWorkflowHost(this WebApplication app, IReadOnlyList<string>? signIn = null)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHome();
        app.MapSessions();
        app.MapUsers();
        app.MapDelegations();
        app.MapDefinitions();
        app.MapProcesses();
        app.MapStoppedInstances();
        app.MapInstances();
        app.MapTasks();
        app.MapTimerJobs();
        app.MapLedger();
        app.MapTrace();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapWorkflowMetrics();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, signIn ?? []));
        return app;
    }

    private static void Announce(WebApplication app, IReadOnlyList<string> signIn)
    {
        var catalog = app.Services.GetRequiredService<DefinitionCatalog>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"Workflow is running: {string.Join(", ", addresses)}");
        var database = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        Console.WriteLine($"Database: {database.Provider}");
        Console.WriteLine($"Definitions from {catalog.Folder}:");
        foreach (var file in catalog.Files)
        {
            Console.WriteLine($"  {file.Name}: {(file.Result.IsValid ? "valid" : $"INVALID ({file.Result.Errors.Count} errors)")}");
        }
        Console.WriteLine($"Sign in · 登录: {addresses.FirstOrDefault() ?? ""}/login (API: POST /api/session {{\"user\",\"password\"}})");
        foreach (var line in signIn)
        {
            Console.WriteLine(line);
        }
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
