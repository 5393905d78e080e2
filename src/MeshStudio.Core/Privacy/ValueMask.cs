using System.Text;

namespace MeshStudio.Core.Privacy;

/// <summary>
/// Masks a value for people who may see that a value exists but not what it is: each run of letters or digits keeps
/// its first character and becomes <c>x***</c>, whatever its length; punctuation stays, so the shape of an e-mail
/// address or a code is still recognisable (<c>alice.smith@example.com</c> → <c>a***.s***@e***.c***</c>).
/// </summary>
public static class ValueMask
{
    public const string Hidden = "***";

    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var masked = new StringBuilder(value.Length);
        var inRun = false;
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (!inRun)
                    masked.Append(c).Append(Hidden);
                inRun = true;
                continue;
            }
            inRun = false;
            masked.Append(c);
        }
        return masked.ToString();
    }
}
