using System.Text;
using Workflow.Engine.Storage;
using Workflow.Host.Features.Definitions;
using Workflow.Host.Features.Identity;
using Workflow.Persistence.Definitions;
using static Workflow.Host.Features.Html;

namespace Workflow.Host.Features.Home;

/// <summary>
/// A plain bilingual start page: the deployed processes with their latest versions, and the files of the definitions folder
/// with what checking them found (the designer and inbox come in later issues).
/// </summary>
public static class HomePage
{
    /// <summary>Maps "/".</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (DefinitionCatalog catalog, DefinitionQueries queries, IDefinitionStore store, HttpContext http) =>
            TypedResults.Content(Render(catalog, await DeployedAsync(queries, store, http.RequestAborted), SignedIn.From(http.User)), "text/html; charset=utf-8"));
        return app;
    }

    private static async Task<string> DeployedAsync(DefinitionQueries queries, IDefinitionStore store, CancellationToken ct)
    {
        var rows = new StringBuilder();
        foreach (var p in await queries.ProcessesAsync(ct))
        {
            var latest = await store.FindAsync(p.ProcessId, p.LatestVersion, ct);
            rows.Append($"<tr><td>{E(p.ProcessId)}</td><td>{E(latest?.Definition.Name)}</td><td>v{p.LatestVersion}</td><td>{p.Versions}</td>")
                .Append($"<td>{E(latest?.DeployedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))}</td>")
                .Append($"<td><a href=\"/api/definitions/{E(p.ProcessId)}/xml\">BPMN</a> · <a href=\"/api/processes/{E(p.ProcessId)}/versions\">版本 versions</a></td></tr>");
        }
        return rows.ToString();
    }

    private static string Render(DefinitionCatalog catalog, string deployed, SignedIn? me)
    {
        var rows = new StringBuilder();
        foreach (var file in catalog.Files)
        {
            foreach (var p in file.Result.Document?.Processes ?? [])
            {
                rows.Append($"<tr><td>{E(file.Name)}</td><td>{E(p.Id)}</td><td>{E(p.Name)}</td><td>{p.Nodes.Count}</td>")
                    .Append("<td class=ok>有效 valid</td></tr>");
            }
            if (!file.Result.IsValid)
            {
                rows.Append($"<tr><td>{E(file.Name)}</td><td colspan=3>{E(string.Join("; ", file.Result.Errors.Take(3)))}</td><td class=bad>无效 invalid</td></tr>");
            }
        }
        var session = me is null
            ? "<p><a href=\"/login\">登录 Sign in</a></p>"
            : $"<form method=post action=\"/logout\"><p>{E(me.DisplayName)} ({E(me.Id)}) · {E(string.Join(", ", me.Roles))} · {E(me.Unit)} <button>退出 Sign out</button></p></form>";
        return $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>警情案件流转 Workflow</title>
            <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}
            td,th{border:1px solid #ccc;padding:.4rem .8rem;text-align:left}.ok{color:#176c2e}.bad{color:#b00020}</style></head>
            <body><h1>警情案件流转 <small>Workflow</small></h1>
            {{session}}
            <p>已部署的流程定义 · Deployed workflow definitions</p>
            <table><tr><th>流程 Process</th><th>名称 Name</th><th>最新版本 Latest</th><th>版本数 Versions</th><th>部署时间 Deployed</th><th></th></tr>
            {{deployed}}</table>
            <p>定义文件夹（启动时部署新内容） · Definitions folder (new content deployed at start): <code>{{E(catalog.Folder)}}</code></p>
            <table><tr><th>文件 File</th><th>流程 Process</th><th>名称 Name</th><th>节点 Nodes</th><th>状态 Status</th></tr>
            {{rows}}</table>
            <p>接口 API: <code>GET /api/processes</code>, <code>POST /api/processes</code> (管理员发布 publish, admin), <code>GET /api/definitions</code>, <code>POST /api/definitions/validate</code>, <code>POST /api/definitions/simulate</code></p>
            </body></html>
            """;
    }
}
