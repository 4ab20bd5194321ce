using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// Signing in and out: <c>/api/session</c> and <c>/api/me</c> for API clients, <c>/login</c> and <c>/logout</c> for
/// the browser. Both set the same cookie.
/// </summary>
public static class SessionEndpoints
{
    /// <summary>Body of POST /api/session.</summary>
    public sealed record SignInRequest(string? User, string? Password);

    /// <summary>Body of POST /api/me/password.</summary>
    public sealed record ChangePasswordRequest(string? Current, string? New);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session", SignInApi);
        app.MapDelete("/api/session", (Delegate)SignOutApi);
        app.MapGet("/api/me", (SignedIn me) => TypedResults.Ok(me)).RequireAuthorization();
        app.MapPost("/api/me/password", ChangePassword).RequireAuthorization();
        app.MapGet("/login", (string? returnUrl, HttpContext http) => SignInPage.Result(null, returnUrl, http));
        app.MapPost("/login", (Delegate)SignInForm);
        app.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.Redirect("/login");
        });
        return app;
    }

    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> SignInApi(SignInRequest request, HttpContext http)
    {
        var (user, problem) = await CheckAsync(request.User, request.Password, http);
        if (user is null)
        {
            return problem!;
        }
        var principal = IdentitySetup.Principal(user);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Ok(SignedIn.From(principal)!);
    }

    private static async Task<NoContent> SignOutApi(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SignInForm(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        var (user, problem) = await CheckAsync(form["user"], form["password"], http);
        if (user is null)
        {
            return SignInPage.Result(problem!.ProblemDetails.Detail, returnUrl, http);
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, IdentitySetup.Principal(user));
        // Only local paths: an absolute return URL would make the sign-in page an open redirect.
        return TypedResults.Redirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(ChangePasswordRequest request, SignedIn me, HttpContext http)
    {
        if (PasswordHashing.Weakness(request.New) is { } weak)
        {
            return ApiErrors.Problem(400, "weak-password", weak);
        }
        var (user, problem) = await CheckAsync(me.Id, request.Current, http);
        if (user is null)
        {
            return problem!;
        }
        var users = http.RequestServices.GetRequiredService<EfUserStore>();
        await users.SetPasswordHashAsync(me.Id, PasswordHashing.Hash(request.New!), me.Actor(), http.RequestAborted);
        // The new password ends every other session; this one continues under a fresh cookie.
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, IdentitySetup.Principal((await users.FindAsync(me.Id, http.RequestAborted))!));
        return TypedResults.NoContent();
    }

    private static readonly Lazy<string> UnknownUserHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString()));

    /// <summary>The account when the password matches; otherwise the problem to answer (the same for an unknown user and a wrong password).</summary>
    private static async Task<(UserRow? User, ProblemHttpResult? Problem)> CheckAsync(string? id, string? password, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(password))
        {
            return (null, ApiErrors.Invalid("请输入用户名和密码 · Give user and password"));
        }
        id = id.Trim();
        var lockout = http.RequestServices.GetRequiredService<SignInLockout>();
        var user = await http.RequestServices.GetRequiredService<EfUserStore>().FindAsync(id, http.RequestAborted);
        if (lockout.LockedUntil(id, user) is { } until)
        {
            return (null, ApiErrors.Problem(429, "account-locked", $"多次密码错误，账号已锁定至 {until:HH:mm:ss} UTC · Too many wrong passwords: locked until {until:u}"));
        }
        // A name without an account is checked against a hash too, so that the answer takes as long as for a wrong password.
        if (!PasswordHashing.Verify(password, user?.PasswordHash ?? UnknownUserHash.Value) || user is null || !user.IsActive)
        {
            await lockout.FailedAsync(id, user, http.RequestAborted);
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Workflow.SignIn").LogWarning("Failed sign-in for {User}", id);
            return (null, ApiErrors.Problem(401, "sign-in-failed", "用户名或密码错误，或账号已停用 · Wrong user or password, or the account is disabled"));
        }
        await lockout.SucceededAsync(user, http.RequestAborted);
        return (user, null);
    }
}
