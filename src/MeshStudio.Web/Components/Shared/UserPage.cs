using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.Web.Security;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Components.Shared;

/// <summary>
/// Base of the pages that load data for the signed-in user: the user, the clock, and the page-level
/// <see cref="Error"/> a refused load leaves.
/// </summary>
public abstract class UserPage : ComponentBase
{
    [Inject]
    public required CurrentUser CurrentUser { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    protected DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Why the page cannot show its content; null when it can.</summary>
    protected string? Error { get; set; }

    /// <summary>Resolves the current user and loads the page for them; a refusal becomes <see cref="Error"/>.</summary>
    /// <returns>Whether the load ran to its end.</returns>
    protected async Task<bool> LoadForUserAsync(Func<UserContext, Task> load)
    {
        try
        {
            await load(await CurrentUser.GetAsync());
            return true;
        }
        catch (AccessDeniedException e)
        {
            Error = e.Message;
            return false;
        }
    }
}
