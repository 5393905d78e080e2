using MeshStudio.Catalog.Model;
using Microsoft.AspNetCore.Identity;

namespace MeshStudio.Web.Security;

/// <summary>
/// Checks a user name and password with the same work for unknown users as for known ones (a password hash is
/// verified either way), so neither the answer nor its time tells which user names exist. Failures never lock an
/// account; <see cref="SignInThrottle"/> slows guessing instead.
/// </summary>
public sealed class PasswordCheck(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new() { UserName = "nobody" };

    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    /// <summary>The user when the password is theirs and they may sign in; null otherwise.</summary>
    public async Task<AppUser?> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, _dummyHash.Value, password);
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        return result.Succeeded ? user : null;
    }
}
