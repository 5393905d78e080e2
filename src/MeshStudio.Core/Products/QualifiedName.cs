using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace MeshStudio.Core.Products;

/// <summary>A <c>domain.name</c> reference to a source, product or job.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(QualifiedNameJsonConverter))]
public sealed partial record QualifiedName(string Domain, string Name)
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();

    /// <summary>True for a lower-case identifier that is safe in SQL and in a folder name.</summary>
    public static bool IsValidIdentifier(string? value) => value is not null && IdentifierPattern().IsMatch(value);

    public static bool TryParse(string? text, [NotNullWhen(true)] out QualifiedName? name)
    {
        name = null;
        var parts = text?.Trim().Split('.');
        if (parts is not { Length: 2 } || !IsValidIdentifier(parts[0]) || !IsValidIdentifier(parts[1]))
            return false;
        name = new QualifiedName(parts[0], parts[1]);
        return true;
    }

    public override string ToString() => $"{Domain}.{Name}";
}
