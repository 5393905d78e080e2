namespace MeshStudio.Core.Access;

/// <summary>The caller may not do this. The message says why, for the user.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
