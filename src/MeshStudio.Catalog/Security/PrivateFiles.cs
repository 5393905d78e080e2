namespace MeshStudio.Catalog.Security;

/// <summary>
/// Files and folders only the server's user may open (mode 600 / 700 on Unix): the catalog database and its
/// siblings, the audit key, the data folder. On Windows the folder's inherited ACL decides; nothing is changed.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and missing parents) owner-only, or makes an existing one owner-only.</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnlyFolder);
        File.SetUnixFileMode(path, OwnerOnlyFolder);
    }

    /// <summary>Creates an empty owner-only file, or makes an existing one owner-only.</summary>
    public static void EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            using var created = new FileStream(path, CreateOptions(FileMode.CreateNew, FileAccess.Write));
        }
        catch (IOException) when (File.Exists(path))
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }

    /// <summary>Makes the file owner-only if it exists.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
            File.SetUnixFileMode(path, OwnerOnlyFile);
    }

    /// <summary>Options for a new file that is owner-only from its first byte (no window where others can read it).</summary>
    public static FileStreamOptions CreateOptions(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnlyFile;
        return options;
    }
}
