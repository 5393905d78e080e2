using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace MeshStudio.Web.Tests.Shared;

/// <summary>
/// The test server has no client address; a request's <see cref="Header"/> sets one, so tests act as separate
/// clients for the per-client sign-in limit.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    private static int _last;

    /// <summary>A client address no other test uses.</summary>
    public static string Next() => $"10.{Interlocked.Increment(ref _last) / 65536 % 256}.{_last / 256 % 256}.{_last % 256}";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
