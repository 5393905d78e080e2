using System.Text.Json.Serialization;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Products.Versions;

/// <summary>A job reading a product, and the user it runs as.</summary>
public sealed record ConsumerJob(QualifiedName Job, [property: JsonIgnore] string RunAsUserId);
