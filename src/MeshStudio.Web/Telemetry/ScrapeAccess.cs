using System.Security.Cryptography;
using System.Text;
using MeshStudio.Web.Security;

namespace MeshStudio.Web.Telemetry;

/// <summary>
/// Guards <c>/metrics</c>: its series name sources, jobs and products (never a data value), so a scraper shows the
/// configured token unless the operator allowed anonymous scrapes (<see cref="TelemetrySettings"/>).
/// </summary>
public sealed class ScrapeAccess(RequestDelegate next, TelemetrySettings settings)
{
    private readonly byte[] _token = SHA256.HashData(Encoding.UTF8.GetBytes(settings.ScrapeToken));

    public Task InvokeAsync(HttpContext context)
    {
        if (settings.AllowAnonymousScrape || Matches(PersonalAccessTokenHandler.BearerToken(context.Request)))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.Response.WriteAsync("Send the scrape token configured in MeshStudio:Telemetry:ScrapeToken as 'Authorization: Bearer <token>'.");
    }

    private bool Matches(string? token) =>
        !string.IsNullOrEmpty(settings.ScrapeToken) && token is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _token);
}
