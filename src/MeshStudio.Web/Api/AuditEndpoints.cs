using MeshStudio.Catalog.Governance;
using MeshStudio.Web.Security;

namespace MeshStudio.Web.Api;

/// <summary>The audit log over HTTP: verifying its chain (stewards and admins; anyone else 403).</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/verify", async (HttpContext context, UserContextResolver users, AuditLog audit) =>
                Results.Ok(await audit.VerifyAsync(await context.UserAsync(users), context.RequestAborted)))
            .WithTags("Audit")
            .Produces<AuditVerification>()
            .WithName("VerifyAudit")
            .WithSummary("Walks the whole audit chain: intact with the count and the newest entry's id and seal, or the first broken entry and why.");
    }
}
