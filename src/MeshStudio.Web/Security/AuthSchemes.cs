namespace MeshStudio.Web.Security;

public static class AuthSchemes
{
    /// <summary>Picks the token scheme for <c>Authorization: Bearer</c> requests and the cookie otherwise.</summary>
    public const string CookieOrToken = "CookieOrToken";

    public const string PersonalAccessToken = "PersonalAccessToken";
}
