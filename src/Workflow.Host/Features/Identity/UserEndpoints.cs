using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Persistence.Identity;

namespace Workflow.Host.Features.Identity;

/// <summary>/api/users: accounts, managed by administrators. Accounts are disabled, never deleted; every change is on the ledger.</summary>
public static class UserEndpoints
{
    private const int MaxTake = 500;

    /// <summary>Body of POST /api/users.</summary>
    public sealed record CreateUserRequest(string? Id, string? DisplayName, string? Unit, string[]? Roles, string? Password);

    /// <summary>Body of PUT /api/users/{id}.</summary>
    public sealed record UpdateUserRequest(string? DisplayName, string? Unit, string[]? Roles, bool? IsActive);

    /// <summary>Body of POST /api/users/{id}/password.</summary>
    public sealed record SetPasswordRequest(string? Password);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").RequireAuthorization(Roles.AdminPolicy);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{id}", Update);
        group.MapPost("/{id}/password", SetPassword);
        return app;
    }

    private static async Task<Results<Ok<UserView[]>, ProblemHttpResult>> List(int? skip, int? take, EfUserStore users, CancellationToken ct)
    {
        if (take is < 1 or > MaxTake || skip is < 0)
        {
            return ApiErrors.Invalid($"take must be 1..{MaxTake} and skip ≥ 0");
        }
        return TypedResults.Ok((await users.ListAsync(skip ?? 0, take ?? 100, ct)).Select(IdentityMapper.ToView).ToArray());
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Get(string id, EfUserStore users, CancellationToken ct) =>
        await users.FindAsync(id, ct) is { } user ? TypedResults.Ok(user.ToView()) : NotFound(id);

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> Create(CreateUserRequest request, SignedIn me, EfUserStore users, CancellationToken ct)
    {
        if ((AccountInput.BadId(request.Id) ?? AccountInput.BadRoles(request.Roles) ?? PasswordHashing.Weakness(request.Password)) is { } bad)
        {
            return ApiErrors.Invalid(bad);
        }
        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            return ApiErrors.Invalid("请填写姓名 · displayName is required");
        }
        var user = new UserRow
        {
            Id = request.Id!,
            DisplayName = request.DisplayName.Trim(),
            Unit = string.IsNullOrWhiteSpace(request.Unit) ? null : request.Unit.Trim(),
            Roles = RoleCodes.Join(request.Roles!),
            PasswordHash = PasswordHashing.Hash(request.Password!),
        };
        if (!await users.CreateAsync(user, me.Actor(), ct))
        {
            return ApiErrors.Problem(409, "user-exists", $"用户 {request.Id} 已存在 · User '{request.Id}' exists");
        }
        return TypedResults.Created($"/api/users/{user.Id}", user.ToView());
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Update(string id, UpdateUserRequest request, SignedIn me, EfUserStore users, CancellationToken ct)
    {
        if (await users.FindAsync(id, ct) is not { } user)
        {
            return NotFound(id);
        }
        var roles = request.Roles ?? user.RoleList.ToArray();
        if (AccountInput.BadRoles(roles) is { } bad)
        {
            return ApiErrors.Invalid(bad);
        }
        var active = request.IsActive ?? user.IsActive;
        if (id == me.Id && (!active || !roles.Contains(Roles.Admin)))
        {
            // Another administrator must do it, so that the last administrator cannot lock everybody out by mistake.
            return ApiErrors.Invalid("不能停用自己或取消自己的管理员角色 · You cannot disable yourself or drop your own admin role");
        }
        var name = string.IsNullOrWhiteSpace(request.DisplayName) ? user.DisplayName : request.DisplayName.Trim();
        var unit = request.Unit is null ? user.Unit : request.Unit.Trim() is { Length: > 0 } u ? u : null;
        await users.UpdateAsync(id, name, unit, roles, active, me.Actor(), ct);
        return TypedResults.Ok((await users.FindAsync(id, ct))!.ToView());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetPassword(string id, SetPasswordRequest request, SignedIn me, EfUserStore users, CancellationToken ct)
    {
        if (PasswordHashing.Weakness(request.Password) is { } weak)
        {
            return ApiErrors.Invalid(weak);
        }
        return await users.SetPasswordHashAsync(id, PasswordHashing.Hash(request.Password!), me.Actor(), ct) ? TypedResults.NoContent() : NotFound(id);
    }

    private static ProblemHttpResult NotFound(string id) =>
        ApiErrors.Problem(404, "user-not-found", $"没有用户 {id} · No user '{id}'");
}
