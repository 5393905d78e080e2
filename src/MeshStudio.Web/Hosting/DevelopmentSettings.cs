using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace MeshStudio.Web.Hosting;

/// <summary>
/// The demo users' settings live in the repository's top-level appsettings.Development.json, which the
/// build copies next to the app. Load it right after the built-in appsettings files so environment
/// variables and command-line arguments still override it.
/// </summary>
internal static class DevelopmentSettings
{
    public const string FileName = "appsettings.Development.json";

    public static void AddTopLevelDevelopmentSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || !File.Exists(Path.Combine(AppContext.BaseDirectory, FileName)))
            return;
        var sources = builder.Configuration.Sources;
        var lastJson = sources.ToList().FindLastIndex(s => s is JsonConfigurationSource);
        sources.Insert(lastJson + 1, new JsonConfigurationSource
        {
            Path = FileName,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Optional = true,
        });
    }
}
