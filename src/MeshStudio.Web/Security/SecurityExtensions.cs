using MeshStudio.Catalog;
using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MeshStudio.Web.Security;

public static class SecurityExtensions
{
    /// <summary>Identity with cookie sign-in for the browser and personal access tokens for the API; every route needs a signed-in user unless it says otherwise.</summary>
    public static IServiceCollection AddMeshSecurity(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                // Failed passwords never lock an account (anyone could lock anyone): SignInThrottle slows guessing instead.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddMeshCatalogStores()
            .AddSignInManager();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.CookieOrToken;
                o.DefaultChallengeScheme = AuthSchemes.CookieOrToken;
            })
            .AddPolicyScheme(AuthSchemes.CookieOrToken, "Cookie or personal access token", o =>
                o.ForwardDefaultSelector = context =>
                    PersonalAccessTokenHandler.BearerToken(context.Request) is not null
                        ? AuthSchemes.PersonalAccessToken
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(AuthSchemes.PersonalAccessToken, null)
            .AddIdentityCookies();
        services.AddDataProtection().PersistKeysToCatalog();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = AppUrls.Login;
            o.AccessDeniedPath = AppUrls.Home;
            o.Cookie.Name = "meshstudio.auth";
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // The session and antiforgery cookies travel over HTTPS only outside Development (which may run on plain http).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IHostEnvironment>((o, env) =>
        {
            o.Cookie.SecurePolicy = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
        });
        services.AddOptions<AntiforgeryOptions>().Configure<IHostEnvironment>((o, env) =>
            o.Cookie.SecurePolicy = env.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddSingleton<UserContextResolver>();
        services.AddScoped<PasswordCheck>();
        services.AddScoped<CurrentUser>();
        return services;
    }

    /// <summary>API and hub callers get a status code, browsers a redirect to the sign-in page.</summary>
    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
