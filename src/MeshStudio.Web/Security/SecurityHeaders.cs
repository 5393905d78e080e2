namespace MeshStudio.Web.Security;

/// <summary>
/// Browser hardening headers on every response. The Content-Security-Policy allows scripts only from the app itself
/// (Blazor, MudBlazor and Monaco load files from <c>_framework</c> and <c>_content</c>, none inline). Styles allow
/// inline because MudBlazor and Monaco set style attributes and add style elements at run time; Monaco's web workers
/// may start from blob: URLs. The app is never framed.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
