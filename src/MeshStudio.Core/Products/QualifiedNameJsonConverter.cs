using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshStudio.Core.Products;

/// <summary>Writes a <see cref="QualifiedName"/> as the <c>"domain.name"</c> string users know.</summary>
public sealed class QualifiedNameJsonConverter : JsonConverter<QualifiedName>
{
    public override QualifiedName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        QualifiedName.TryParse(reader.GetString(), out var name)
            ? name
            : throw new JsonException($"'{reader.GetString()}' is not a domain.name.");

    public override void Write(Utf8JsonWriter writer, QualifiedName value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
