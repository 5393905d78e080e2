using MeshStudio.Core.Identity;
using MeshStudio.Web.Security;

namespace MeshStudio.Web.Api;

internal static class ApiUser
{
    public static Task<UserContext> UserAsync(this HttpContext context, UserContextResolver resolver) =>
        resolver.ResolveAsync(context.User, context.RequestAborted);
}
