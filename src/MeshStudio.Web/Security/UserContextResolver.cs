using System.Security.Claims;
using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;

namespace MeshStudio.Web.Security;

/// <summary>Turns the signed-in principal into the <see cref="UserContext"/> the access rules evaluate.</summary>
public sealed class UserContextResolver(UserContextLoader loader)
{
    public async Task<UserContext> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = userId is null ? null : await loader.LoadAsync(userId, cancellationToken);
        return user ?? throw new AccessDeniedException("Sign in first.");
    }
}
