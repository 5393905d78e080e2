using System.Text.Json.Serialization;

namespace MeshStudio.Application.Products.Versions;

/// <summary>A user with an active grant on a product.</summary>
public sealed record ConsumerUser([property: JsonIgnore] string UserId, string UserName);
