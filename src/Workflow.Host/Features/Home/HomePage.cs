using System.Text;
using Workflow.Host.Features.Definitions;
using Workflow.Host.Features.Identity;
using static Workflow.Host.Features.Html;

namespace Workflow.Host.Features.Home;

/// <summary>A plain bilingual start page listing the deployed definitions (the designer and inbox come in later issues).</summary>
public static class HomePage
{
    /// <summary>Maps "/".</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (DefinitionCatalog catalog, HttpContext http) => TypedResults.Content(Render(catalog, SignedIn.From(http.User)), "text/html; charset=utf-8"));
        return app;
    }

    private static string Render(DefinitionCatalog catalog, SignedIn? me)
    {
        var rows = new StringBuilder();
        foreach (var file in catalog.Files)
        {
            foreach (var p in file.Result.Document?.Processes ?? [])
            {
                rows.Append($"<tr><td>{E(file.Name)}</td><td>{E(p.Id)}</td><td>{E(p.Name)}</td><td>{p.Nodes.Count}</td>")
                    .Append($"<td class=ok>有效 valid</td><td><a href=\"/api/definitions/{E(p.Id)}/xml\">BPMN</a></td></tr>");
            }
            if (!file.Result.IsValid)
            {
                rows.Append($"<tr><td>{E(file.Name)}</td><td colspan=3>{E(string.Join("; ", file.Result.Errors.Take(3)))}</td><td class=bad>无效 invalid</td><td></td></tr>");
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
            <table><tr><th>文件 File</th><th>流程 Process</th><th>名称 Name</th><th>节点 Nodes</th><th>状态 Status</th><th></th></tr>
            {{rows}}</table>
            <p>接口 API: <code>GET /api/definitions</code>, <code>POST /api/definitions/validate</code>, <code>POST /api/definitions/simulate</code></p>
            </body></html>
            """;
    }
}
