using System.Globalization;

namespace MeshStudio.Core.Products.Versions;

/// <summary>
/// The SQL name of each major version of a product: major 1 keeps the product's own name, major N is written beside it
/// as <c>name_vN</c> (a product of its own with its own lake folder), so queries of the old major keep working.
/// </summary>
public static class VersionNames
{
    public static QualifiedName ForMajor(QualifiedName first, int major)
    {
        ArgumentNullException.ThrowIfNull(first);
        if (major <= 1)
            return first;
        var name = string.Create(CultureInfo.InvariantCulture, $"{first.Name}_v{major}");
        return QualifiedName.IsValidIdentifier(name)
            ? new QualifiedName(first.Domain, name)
            : throw new ArgumentException($"{first} is too long a name for a versioned product ({name}).", nameof(first));
    }
}
