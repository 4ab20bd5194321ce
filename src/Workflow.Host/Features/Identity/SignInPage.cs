using static Workflow.Host.Features.Html;

namespace Workflow.Host.Features.Identity;

/// <summary>The bilingual sign-in form.</summary>
public static class SignInPage
{
    /// <summary>The page, with an error line when a sign-in failed.</summary>
    public static IResult Result(string? error, string? returnUrl, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var me = SignedIn.From(http.User);
        var status = error is null ? 200 : 401;
        var message = error is null ? "" : $"<p class=bad role=alert>{E(error)}</p>";
        var current = me is null ? "" : $"<p>当前已登录 Signed in as <b>{E(me.DisplayName)}</b> ({E(me.Id)})</p>";
        var html = $$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>登录 Sign in · Workflow</title>
            <style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:4rem auto;max-width:22rem;color:#222}
            label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box;font-size:1rem}
            button{margin-top:1.2rem;padding:.5rem 1.5rem;font-size:1rem}.bad{color:#b00020}</style></head>
            <body><h1>警情案件流转 <small>Workflow</small></h1>
            {{current}}{{message}}
            <form method="post" action="/login">
            <input type="hidden" name="returnUrl" value="{{E(returnUrl)}}">
            <label for="user">用户名 User</label><input id="user" name="user" autocomplete="username" required autofocus>
            <label for="password">密码 Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">登录 Sign in</button>
            </form>
            <p><small>每人一个账号，不得共用 · One account per person, never shared.</small></p>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
