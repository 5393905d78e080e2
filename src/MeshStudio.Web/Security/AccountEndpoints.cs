using MeshStudio.Catalog.Governance;
using MeshStudio.Catalog.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MeshStudio.Web.Security;

/// <summary>Cookie sign-in and sign-out. The sign-in page posts a plain form here.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (
            [FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl,
            SignInManager<AppUser> signIn, AuditLog audit, CancellationToken cancellationToken) =>
        {
            var result = await signIn.PasswordSignInAsync(userName ?? "", password ?? "", isPersistent: true, lockoutOnFailure: true);
            if (!result.Succeeded)
            {
                var reason = result.IsLockedOut ? "locked" : "invalid";
                return Results.Redirect($"{AppUrls.Login}?error={reason}&returnUrl={Uri.EscapeDataString(returnUrl ?? "")}");
            }
            await audit.WriteAsync(userName!, "user.signed-in", userName!, "", cancellationToken);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : AppUrls.Home);
        }).AllowAnonymous();

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(AppUrls.Login);
        });
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
