namespace MeshStudio.Web.Security;

/// <summary>Where to go after signing in: a path of this app, or the home page for anything else.</summary>
public static class SafeReturnUrl
{
    private const int MaxLength = 2048;

    /// <summary>
    /// Only a plain local path: starts with one <c>/</c>, no backslash or control character anywhere (browsers drop tabs
    /// and turn backslashes into slashes, so <c>/\t/evil</c> and <c>/\evil</c> would leave the site), not too long.
    /// </summary>
    public static string Of(string? url) =>
        url is { Length: > 0 and <= MaxLength } && url[0] == '/' && (url.Length == 1 || url[1] != '/')
        && !url.Any(c => c == '\\' || char.IsControl(c))
            ? url
            : AppUrls.Home;
}
