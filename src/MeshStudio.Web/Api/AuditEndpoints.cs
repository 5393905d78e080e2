using MeshStudio.Application.Governance;
using MeshStudio.Core.Governance;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeshStudio.Web.Api;

/// <summary>The audit log over HTTP: verifying its chain (stewards and admins, as <see cref="AuditService"/> decides; anyone else 403).</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization();
        audit.MapGet("/verify", VerifyAsync)
            .WithName("VerifyAudit")
            .WithSummary("Walks the whole audit chain: intact with the count and the newest entry's id and seal, or the first broken entry and why.");
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(HttpContext context, UserContextResolver users, AuditService audit) =>
        TypedResults.Ok(await audit.VerifyAsync(await context.UserAsync(users), context.RequestAborted));
}
