namespace MeshStudio.Engine.Sql;

/// <summary>
/// Replaces the server's folders in text a user sees (DuckDB's error messages) with neutral names: the lake root
/// becomes <c>&lt;lake&gt;</c>, the temp folder <c>&lt;temp&gt;</c> and the home folder <c>~</c>.
/// </summary>
public static class ServerPaths
{
    public static string Hide(string text, string lakeRoot)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lakeRoot);
        var folders = new (string Folder, string Name)[]
        {
            (lakeRoot, "<lake>"),
            (Path.GetTempPath(), "<temp>"),
            (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "~"),
        };
        // The longest first, so a lake inside the home folder is named as the lake.
        foreach (var (folder, name) in folders.OrderByDescending(f => f.Folder.Length))
        {
            var trimmed = Path.TrimEndingDirectorySeparator(folder);
            if (trimmed.Length <= 1)
                continue;
            text = text.Replace(trimmed, name, StringComparison.Ordinal)
                .Replace(trimmed.Replace('\\', '/'), name, StringComparison.Ordinal);
        }
        return text;
    }
}
