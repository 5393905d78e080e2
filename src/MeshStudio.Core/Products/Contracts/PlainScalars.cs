using System.Text.RegularExpressions;

namespace MeshStudio.Core.Products.Contracts;

/// <summary>How a plain (unquoted) YAML scalar reads under the YAML 1.2 core schema, which ODCS documents use.</summary>
public static partial class PlainScalars
{
    /// <summary>Null: empty, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>A boolean: <c>true</c> or <c>false</c> (any of the core schema's three spellings).</summary>
    public static bool IsBoolean(string text) => text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    /// <summary>An integer or a floating-point number (including <c>.inf</c> and <c>.nan</c>).</summary>
    public static bool IsNumber(string text) => Number().IsMatch(text);

    /// <summary>Written plain, the text would read as something other than a string.</summary>
    public static bool ReadsAsNonString(string text) => IsNull(text) || IsBoolean(text) || IsNumber(text);

    /// <summary>
    /// A text that must be quoted to stay a text: it reads as something else under YAML 1.2, or under YAML 1.1, which many
    /// readers still follow (dates such as <c>2024-01-15</c>, <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>).
    /// </summary>
    public static bool NeedsQuotes(string text) => ReadsAsNonString(text) || Yaml11Special().IsMatch(text);

    [GeneratedRegex(@"^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$")]
    private static partial Regex Yaml11Special();

    [GeneratedRegex(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex Number();
}
