namespace MeshStudio.Web.Api;

/// <summary>The body of <c>PUT /api/products/{domain}/{name}/deprecation</c>: when the major is deprecated, or null to clear it.</summary>
public sealed record DeprecationRequest(DateTimeOffset? After);
