namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// A value of a contract field the model does not name (servers, roles, price, custom properties, …), kept as it was
/// written so an imported contract exports it unchanged.
/// </summary>
public abstract record ContractValue
{
    /// <summary>A scalar; <paramref name="Quoted"/> when it was written quoted (always a string), otherwise typed by its text.</summary>
    public sealed record Scalar(string Text, bool Quoted) : ContractValue;

    /// <summary>A list.</summary>
    public sealed record Sequence(IReadOnlyList<ContractValue> Items) : ContractValue;

    /// <summary>A mapping, its fields in the order written.</summary>
    public sealed record Mapping(IReadOnlyList<ContractField> Fields) : ContractValue;

    /// <summary>A string, quoted when its text would otherwise read as something else (<see cref="PlainScalars.NeedsQuotes"/>).</summary>
    public static Scalar OfText(string text) => new(text, PlainScalars.NeedsQuotes(text));

    /// <summary>A number, boolean or null written plain.</summary>
    public static Scalar OfPlain(string text) => new(text, false);
}
