namespace MeshStudio.Application.Execution;

/// <summary>About how many bytes of rows one response, hub stream or Studio result may hold.</summary>
public sealed record ResultLimit(long MaxBytes)
{
    public static ResultLimit Default { get; } = new(32L * 1024 * 1024);
}
