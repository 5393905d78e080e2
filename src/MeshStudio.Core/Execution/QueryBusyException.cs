namespace MeshStudio.Core.Execution;

/// <summary>
/// A query was not started: its user already has as many queries running and waiting as allowed
/// (<see cref="IsUserLimit"/>, HTTP 429), or no session became free in time (HTTP 503). The message is for the user.
/// </summary>
public sealed class QueryBusyException(string message, bool isUserLimit, TimeSpan retryAfter) : Exception(message)
{
    public bool IsUserLimit { get; } = isUserLimit;

    /// <summary>When trying again makes sense.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
