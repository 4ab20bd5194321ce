using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Workflow.Engine.Accountability;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Identity;

/// <summary>
/// Sign-in with a cookie, for the pages and the API alike. The account is read again on every request, so a disabled
/// account or a changed role takes effect at once rather than when the cookie expires.
/// </summary>
public static class IdentitySetup
{
    /// <summary>Registers authentication, the policies, the sign-in lockout and the delegation source.</summary>
    public static IServiceCollection AddWorkflowIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section))
            .Configure(o => o.SeedDemoUsers = configuration.GetValue<bool?>($"{IdentityOptions.Section}:SeedDemoUsers") ?? environment.IsDevelopment())
            .Validate(o => o.MaxFailedSignIns > 0 && o.LockoutPeriod > TimeSpan.Zero && o.SessionTimeout > TimeSpan.Zero, "Workflow:Identity: positive limits")
            .Validate(o => !o.SeedDemoUsers || PasswordHashing.Weakness(o.DemoPassword) is null, "Workflow:Identity:DemoPassword is too short")
            .ValidateOnStart();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<IDelegationSource>(sp => sp.GetRequiredService<EfDelegationStore>());
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentityOptions>>((cookie, identity) =>
            {
                cookie.Cookie.Name = "workflow.auth";
                cookie.Cookie.HttpOnly = true;
                // Strict: no other site can make the browser send it, which is what keeps cookie-authenticated POSTs safe.
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = identity.Value.SessionTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized,
                    "sign-in-required", "请先登录 · Sign in first (POST /api/session)");
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden,
                    "role-required", "您的角色无权执行此操作 · Your roles do not allow this");
                cookie.Events.OnValidatePrincipal = Refresh;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.OversightPolicy, p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .AddPolicy(Roles.TracePolicy, p => p.RequireRole(Roles.TraceReaders));
        return services;
    }

    /// <summary>The claims of an account, as the cookie carries them.</summary>
    public static ClaimsPrincipal Principal(UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.DisplayName)];
        claims.AddRange(user.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.Unit is { Length: > 0 } unit)
        {
            claims.Add(new Claim(SignedIn.UnitClaim, unit));
        }
        claims.Add(new Claim(StampClaim, Stamp(user)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// Seeds the demo people when configured; on a database without any account, creates <c>admin</c> with a random
    /// password printed once, so that a new installation can be signed into and nothing is left with a known password.
    /// Returns the lines to announce.
    /// </summary>
    public static async Task<IReadOnlyList<string>> InitializeIdentityAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var users = app.Services.GetRequiredService<EfUserStore>();
        if (options.SeedDemoUsers)
        {
            await DemoUsers.SeedAsync(users, options.DemoPassword, app.Lifetime.ApplicationStopping);
            return
            [
                $"Demo sign-in (every account, password '{options.DemoPassword}') · 演示账号（密码相同）:",
                .. DemoUsers.People.Select(p => $"  {p.Id,-14} {p.Name,-6} {p.Unit,-10} {string.Join(',', p.Roles)}"),
            ];
        }
        if (await users.AnyAsync(app.Lifetime.ApplicationStopping))
        {
            return [];
        }
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        await users.CreateAsync(new UserRow { Id = "admin", DisplayName = "系统管理员", Roles = Roles.Admin, PasswordHash = PasswordHashing.Hash(password) },
            DemoUsers.Seeder, app.Lifetime.ApplicationStopping);
        return [$"First administrator created · 已创建管理员: admin / {password} (shown once; change it: POST /api/me/password)"];
    }

    /// <summary>Claim type of the password stamp: a cookie issued before the password changed no longer signs anybody in.</summary>
    private const string StampClaim = "workflow:stamp";

    /// <summary>
    /// A short digest of the stored password hash (which has its own salt): it changes with every new password, so a password
    /// change or an administrator's reset ends every other session of the account, e.g. one opened with a stolen password.
    /// </summary>
    private static string Stamp(UserRow user) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(user.PasswordHash)), 0, 8);

    private static async Task Refresh(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await context.HttpContext.RequestServices.GetRequiredService<EfUserStore>().FindAsync(id, context.HttpContext.RequestAborted);
        if (user is not { IsActive: true } || context.Principal?.FindFirstValue(StampClaim) != Stamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(Principal(user));
    }

    private static async Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status, string code, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Redirect(context.RedirectUri);
                return;
            }
            // A page the person may not see: say so rather than send them to a page that does not exist.
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(detail);
            return;
        }
        context.Response.StatusCode = status;
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = status, Title = code, Detail = detail, Type = $"urn:workflow:error:{code}" },
        });
    }
}
