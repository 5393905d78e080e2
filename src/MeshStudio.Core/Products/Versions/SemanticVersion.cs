using System.Globalization;

namespace MeshStudio.Core.Products.Versions;

/// <summary>A product's semantic version: a new major breaks consumers, a new minor only adds to what they read.</summary>
public readonly record struct SemanticVersion(int Major, int Minor, int Patch)
{
    /// <summary>Where every product starts, the demo mesh's and those that existed before versions were kept.</summary>
    public static readonly SemanticVersion Initial = new(1, 0, 0);

    public SemanticVersion NextMinor => new(Major, Minor + 1, 0);

    public SemanticVersion NextMajor => new(Major + 1, 0, 0);

    /// <summary><c>1.2.0</c>; null for anything else (a contract's version is free text).</summary>
    public static SemanticVersion? TryParse(string? text)
    {
        var parts = (text ?? "").Trim().TrimStart('v', 'V').Split('.');
        if (parts.Length != 3)
            return null;
        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                return null;
        }
        return new SemanticVersion(numbers[0], numbers[1], numbers[2]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
