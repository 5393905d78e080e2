using System.Text;
using System.Text.RegularExpressions;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>
/// Matches a file source's glob (<c>*</c> within a folder, <c>**</c> across folders, <c>?</c> one character)
/// against the files under a domain inbox. Folders and files whose name starts with <c>_</c> or <c>.</c>
/// (<c>_ingested</c>, <c>_uploads</c>, temp files) are never matched.
/// </summary>
public static class InboxGlob
{
    public static IEnumerable<string> Match(string inbox, string glob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inbox);
        ArgumentException.ThrowIfNullOrWhiteSpace(glob);
        if (!Directory.Exists(inbox))
            return [];
        var regex = ToRegex(glob);
        return Walk(inbox).Where(f => regex.IsMatch(Path.GetRelativePath(inbox, f).Replace('\\', '/')));
    }

    public static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        var g = glob.Replace('\\', '/').Trim('/');
        for (var i = 0; i < g.Length; i++)
        {
            var c = g[i];
            if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
            {
                i++;
                if (i + 1 < g.Length && g[i + 1] == '/')
                {
                    i++;
                    pattern.Append("(?:[^/]+/)*");
                }
                else
                {
                    pattern.Append(".*");
                }
            }
            else if (c == '*')
            {
                pattern.Append("[^/]*");
            }
            else if (c == '?')
            {
                pattern.Append("[^/]");
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (!Hidden(file))
                yield return file;
        }
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            if (Hidden(sub))
                continue;
            foreach (var file in Walk(sub))
                yield return file;
        }
    }

    private static bool Hidden(string path) => Path.GetFileName(path) is var name && (name.StartsWith('_') || name.StartsWith('.'));
}
