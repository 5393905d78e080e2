using System.Globalization;
using System.Text.Json;
using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Application.Products.Contracts;

/// <summary>
/// Writes a contract as the same ODCS document in JSON: plain scalars become numbers, booleans and nulls by the YAML
/// core schema, quoted ones strings. <see cref="ContractYamlReader"/> reads it back (JSON is YAML).
/// </summary>
public static class ContractJsonWriter
{
    public static string Write(DataContract contract)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(json, ContractTree.From(contract));
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, ContractValue value)
    {
        switch (value)
        {
            case ContractValue.Scalar { Quoted: true, Text: var text }:
                json.WriteStringValue(text);
                break;
            case ContractValue.Scalar { Text: var text }:
                WritePlain(json, text);
                break;
            case ContractValue.Sequence sequence:
                json.WriteStartArray();
                foreach (var item in sequence.Items)
                    Write(json, item);
                json.WriteEndArray();
                break;
            case ContractValue.Mapping mapping:
                json.WriteStartObject();
                foreach (var field in mapping.Fields)
                {
                    json.WritePropertyName(field.Name);
                    Write(json, field.Value);
                }
                json.WriteEndObject();
                break;
        }
    }

    private static void WritePlain(Utf8JsonWriter json, string text)
    {
        if (PlainScalars.IsNull(text))
            json.WriteNullValue();
        else if (PlainScalars.IsBoolean(text))
            json.WriteBooleanValue(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            json.WriteNumberValue(whole);
        else if (PlainScalars.IsNumber(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            json.WriteRawValue(text.StartsWith('+') || text.StartsWith('.') || text.EndsWith('.') ? number.ToString("R", CultureInfo.InvariantCulture) : text);
        else
            json.WriteStringValue(text);
    }
}
