using System.Globalization;
using System.Numerics;

namespace MeshStudio.Engine.Products;

/// <summary>
/// A decimal wider than <see cref="decimal"/> holds (about 28 digits), kept exact for ordering and shown as its text:
/// DECIMAL(38,s) and HUGEINT footers have such values.
/// </summary>
internal readonly record struct WideDecimal(BigInteger Unscaled, int Scale) : IComparable<WideDecimal>, IComparable
{
    /// <summary>The same value as a wide decimal, to order it among wide ones.</summary>
    public static WideDecimal Of(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0
            ? new WideDecimal(BigInteger.Parse(text, CultureInfo.InvariantCulture), 0)
            : new WideDecimal(BigInteger.Parse(text.Remove(point, 1), CultureInfo.InvariantCulture), text.Length - point - 1);
    }

    public int CompareTo(WideDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return (Unscaled * BigInteger.Pow(10, scale - Scale)).CompareTo(other.Unscaled * BigInteger.Pow(10, scale - other.Scale));
    }

    public int CompareTo(object? obj) => obj is WideDecimal other ? CompareTo(other) : throw new ArgumentException("Not a WideDecimal.", nameof(obj));

    /// <summary>The exact value, e.g. <c>-123456789012345678901234567890.12</c>.</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var text = Scale == 0 ? digits : $"{digits[..^Scale]}.{digits[^Scale..]}";
        return Unscaled.Sign < 0 ? "-" + text : text;
    }

    public static bool operator <(WideDecimal left, WideDecimal right) => left.CompareTo(right) < 0;

    public static bool operator >(WideDecimal left, WideDecimal right) => left.CompareTo(right) > 0;

    public static bool operator <=(WideDecimal left, WideDecimal right) => left.CompareTo(right) <= 0;

    public static bool operator >=(WideDecimal left, WideDecimal right) => left.CompareTo(right) >= 0;
}
