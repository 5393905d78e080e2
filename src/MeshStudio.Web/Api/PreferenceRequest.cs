namespace MeshStudio.Web.Api;

/// <summary>The body of <c>PUT /api/notifications/preferences/{kind}</c>.</summary>
public sealed record PreferenceRequest(bool Enabled);
