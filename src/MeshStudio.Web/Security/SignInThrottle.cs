using System.Globalization;
using System.Threading.RateLimiting;
using MeshStudio.Application.Governance;
using MeshStudio.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace MeshStudio.Web.Security;

/// <summary>
/// Slows password guessing without letting anyone lock an account (ADR 12). Per client address, the rate limiter
/// middleware admits a number of sign-in attempts per window. Per account, failed attempts drain a token bucket that
/// refills steadily (a successful sign-in costs nothing); while it is empty the account's sign-ins answer 429 (nothing
/// is locked), and a correct password gets in as soon as a token is back. Unknown and existing user names share the
/// same rule. A browser's form post is sent back to the sign-in page with the wait instead of a bare 429.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string ClientPolicy = "sign-in-per-client";
    public const string ThrottledAction = "user.sign-in-throttled";

    private readonly PartitionedRateLimiter<string> _attempts;

    private readonly TimeSpan _refill;

    public SignInThrottle(SignInOptions options)
    {
        _refill = TimeSpan.FromSeconds(options.AccountRefillSeconds);
        _attempts = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetTokenBucketLimiter(account,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.AttemptsPerAccount,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(options.AccountRefillSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>How long an account's attempts wait for the next token.</summary>
    public TimeSpan RetryAfter => _refill;

    public static void AddSignInThrottling(IServiceCollection services, SignInOptions options)
    {
        services.AddSingleton(new SignInThrottle(options));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(ClientPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AttemptsPerClient,
                    Window = TimeSpan.FromSeconds(options.ClientWindowSeconds),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(options.ClientWindowSeconds);
                await (await RefusalAsync(context.HttpContext, "", "client address", retryAfter)).ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>False while the account has no attempt left (then no password is checked).</summary>
    public bool CanAttempt(string userName) => _attempts.GetStatistics(Key(userName))?.CurrentAvailablePermits != 0;

    /// <summary>Takes one of the account's attempts for a failed sign-in.</summary>
    public void RecordFailure(string userName)
    {
        using var lease = _attempts.AttemptAcquire(Key(userName));
    }

    /// <summary>
    /// 429 with Retry-After (a browser's form post: back to the sign-in page, which shows the wait), audited with the
    /// client and the attempted user name (never the password).
    /// </summary>
    public static async Task<IResult> RefusalAsync(HttpContext context, string userName, string limit, TimeSpan retryAfter)
    {
        var audit = context.RequestServices.GetRequiredService<AuditService>();
        await audit.RecordAsync(RequestActor.Of(context), ThrottledAction, userName, $"per {limit}", CancellationToken.None);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (WantsPage(context.Request))
            return Results.Redirect($"{AppUrls.Login}?error=throttled&wait={seconds}");
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: $"Too many sign-in attempts; wait {seconds} seconds and try again.");
    }

    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    private static string Key(string userName) => userName.Trim().ToUpperInvariant();

    public void Dispose() => _attempts.Dispose();
}
