using Microsoft.AspNetCore.Identity;

namespace MeshStudio.Catalog.Model;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
