using MeshStudio.Application.Governance;

namespace MeshStudio.Web.Security;

/// <summary>
/// Writes every refused API or hub request (401 or 403, whether the authorization policy, an endpoint or
/// <see cref="Api.ApiExceptionHandler"/> refused it) to the audit log: who, which route, the status, never data.
/// It runs outside the exception handler so it sees the final status. The ingest route audits its own key
/// refusals; refusals audited where they happen (e.g. by <see cref="SameOriginGuard"/>) are marked and skipped.
/// </summary>
public sealed class DeniedAccessAudit(RequestDelegate next)
{
    public const string Action = "access.denied";

    private static readonly object AuditedKey = new();

    public static void MarkAudited(HttpContext context) => context.Items[AuditedKey] = true;

    public async Task InvokeAsync(HttpContext context, AuditService audit)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden) || context.Items.ContainsKey(AuditedKey))
            return;
        var path = context.Request.Path;
        if (!(path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs")) || path.StartsWithSegments("/api/ingest"))
            return;
        // The request may have been aborted; the refusal is still recorded.
        await audit.RecordAsync(RequestActor.Of(context), Action, $"{context.Request.Method} {path}", $"status {status}", CancellationToken.None);
    }
}
