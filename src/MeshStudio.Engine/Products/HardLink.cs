using System.Runtime.InteropServices;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Gives an existing file a second name, so a new snapshot can include the files of the previous one without
/// copying them (deleting the old snapshot's folder later removes only its names). Copies where links are not
/// available.
/// </summary>
internal static partial class HardLink
{
    public static void CreateOrCopy(string existing, string newPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(newPath)!);
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Link(existing, newPath) == 0)
            return;
        File.Copy(existing, newPath);
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string newPath);
}
