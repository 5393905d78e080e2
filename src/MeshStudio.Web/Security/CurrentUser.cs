using MeshStudio.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace MeshStudio.Web.Security;

/// <summary>The signed-in user of this circuit, for components. Reloaded on each call so role changes apply at once.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, UserContextResolver resolver)
{
    public async Task<UserContext> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await resolver.ResolveAsync(state.User, cancellationToken);
    }
}
