using MeshStudio.Catalog.Model;
using MeshStudio.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace MeshStudio.Web.Features;

public static class DisplayNames
{
    /// <summary>The name the pages greet the user by: their display name, or their user name when they have none.</summary>
    public static async Task<string> DisplayNameAsync(this UserManager<AppUser> users, UserContext user)
    {
        var account = await users.FindByIdAsync(user.UserId);
        return string.IsNullOrWhiteSpace(account?.DisplayName) ? user.UserName : account.DisplayName;
    }
}
