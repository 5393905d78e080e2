namespace MeshStudio.Core.Privacy;

/// <summary>
/// The functions whose result does not carry the values of their arguments (ADR 22): a column computed from personal
/// data only through one of them is not personal. Hashes pseudonymise; counts carry how many, not which.
/// Anything else (<c>lower</c>, <c>left</c>, <c>concat</c>, <c>any_value</c>, <c>align</c>, …) passes values on.
/// </summary>
public static class MaskingFunctions
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "md5", "md5_number", "md5_number_upper", "md5_number_lower", "sha1", "sha256", "sha512", "hash",
        "count", "approx_count_distinct",
    };

    /// <summary>The masking functions, sorted, for documentation and messages.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Order(StringComparer.Ordinal)];

    public static bool Masks(string function) => Names.Contains(function);
}
