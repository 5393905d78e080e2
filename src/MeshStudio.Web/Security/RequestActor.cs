namespace MeshStudio.Web.Security;

/// <summary>Who made a request, as the audit log names them: the signed-in user, or <c>anonymous (ip)</c>.</summary>
public static class RequestActor
{
    public static string Of(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : Anonymous(context.Connection.RemoteIpAddress?.ToString());

    /// <summary>An unauthenticated client, named by its address.</summary>
    public static string Anonymous(string? address) => $"anonymous ({address ?? "unknown address"})";
}
