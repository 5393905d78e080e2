using MeshStudio.Application.Governance;
using MeshStudio.Catalog.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MeshStudio.Web.Security;

/// <summary>Cookie sign-in and sign-out. The sign-in page posts a plain form here.</summary>
public static class AccountEndpoints
{
    public const string FailedAction = "user.sign-in-failed";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account");
        account.MapPost("/login", SignInAsync).WithName("SignIn").AllowAnonymous().RequireRateLimiting(SignInThrottle.ClientPolicy);
        account.MapPost("/logout", SignOutAsync).WithName("SignOut");
    }

    /// <summary>Checks the password (unless the account is throttled), signs in and goes back where the user was.</summary>
    private static async Task<IResult> SignInAsync(
        [FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl, HttpContext context,
        PasswordCheck passwords, SignInThrottle throttle, SignInManager<AppUser> signIn, AuditService audit, CancellationToken cancellationToken)
    {
        var target = SafeReturnUrl.Of(returnUrl);
        if (!throttle.CanAttempt(userName))
            return await SignInThrottle.RefusalAsync(context, userName, "account", throttle.RetryAfter);
        var user = await passwords.CheckAsync(userName, password);
        if (user is null)
        {
            throttle.RecordFailure(userName);
            await audit.RecordAsync(RequestActor.Of(context), FailedAction, userName, "", cancellationToken);
            // One answer for unknown users and wrong passwords.
            return TypedResults.Redirect($"{AppUrls.Login}?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
        }
        await signIn.SignInAsync(user, isPersistent: true);
        await audit.RecordAsync(user.UserName!, "user.signed-in", user.UserName!, "", cancellationToken);
        return TypedResults.LocalRedirect(target);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(AppUrls.Login);
    }
}
