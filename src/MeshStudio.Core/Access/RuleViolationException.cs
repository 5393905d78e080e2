namespace MeshStudio.Core.Access;

/// <summary>A request that breaks a platform rule (bad input, wrong state). The message is for the user.</summary>
public sealed class RuleViolationException(string message) : Exception(message);
