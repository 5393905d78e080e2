using MeshStudio.Application.Governance;

namespace MeshStudio.Web.Security;

/// <summary>
/// Refuses requests that ride the session cookie from another origin (cross-site request forgery, including
/// sibling origins on another port of the same host, which SameSite does not stop). A request that changes
/// state (any method but GET, HEAD, OPTIONS and TRACE) or opens a hub or Blazor circuit connection, and is
/// signed in by cookie (or signs in or out), must show it comes from the app's own pages: <c>Sec-Fetch-Site:
/// same-origin</c> and/or an <c>Origin</c> equal to the request's own scheme://host:port; a request with
/// neither header is refused too. Requests authenticated by a bearer token (or the hub's <c>access_token</c>)
/// and the API-key ingest route carry no ambient credential and are not checked.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next)
{
    public const string RefusedAction = "request.cross-origin-refused";

    public async Task InvokeAsync(HttpContext context, AuditService audit)
    {
        if (!NeedsProof(context) || IsSameOrigin(context.Request))
        {
            await next(context);
            return;
        }
        DeniedAccessAudit.MarkAudited(context);
        await audit.RecordAsync(RequestActor.Of(context), RefusedAction, $"{context.Request.Method} {context.Request.Path}", "", context.RequestAborted);
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
                detail: "This request uses the session cookie but does not come from MeshStudio's own pages (its Origin or Sec-Fetch-Site header "
                        + "is missing or names another origin). Scripts and other clients authenticate with a personal access token "
                        + "(Authorization: Bearer) instead.")
            .ExecuteAsync(context);
    }

    private static bool NeedsProof(HttpContext context)
    {
        var request = context.Request;
        if (PersonalAccessTokenHandler.BearerToken(request) is not null || request.Path.StartsWithSegments("/api/ingest"))
            return false;
        var connection = request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor");
        if (!connection && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)))
            return false;
        // Signing in and out changes whose session the browser holds, so they need the proof without a session too.
        return context.User.Identity?.IsAuthenticated == true || request.Path.StartsWithSegments("/account");
    }

    /// <summary>Every header present must name this origin, and at least one must be present.</summary>
    internal static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (site.Length == 0 && origin.Length == 0)
            return false;
        return (site.Length == 0 || site == "same-origin") && (origin.Length == 0 || IsOwnOrigin(request, origin));
    }

    private static bool IsOwnOrigin(HttpRequest request, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || !request.Host.HasValue)
            return false;
        var ownPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(uri.IdnHost, request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
               && uri.Port == ownPort;
    }
}
