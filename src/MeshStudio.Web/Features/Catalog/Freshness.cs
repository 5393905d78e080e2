using System.Globalization;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>How the pages show times: relative for freshness ("5 s ago"), absolute in UTC for records.</summary>
public static class Freshness
{
    public static string Ago(DateTime? at, DateTime nowUtc)
    {
        if (at is null)
            return "never";
        var age = nowUtc - at.Value;
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds} s ago"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} days ago";
    }

    public static string Utc(DateTime? at) =>
        at is null ? "—" : at.Value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(DateTime? at) =>
        at is null ? "—" : at.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) =>
        duration.TotalSeconds < 1 ? $"{(int)duration.TotalMilliseconds} ms"
            : duration.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s")
            : $"{(int)duration.TotalMinutes} min {duration.Seconds} s";

    public static string Schedule(double? runIntervalSeconds) => runIntervalSeconds switch
    {
        null => "on demand",
        < 1 => $"every {runIntervalSeconds * 1000:0} ms",
        < 60 => $"every {runIntervalSeconds:0.#} s",
        < 3600 when runIntervalSeconds % 60 == 0 => $"every {runIntervalSeconds / 60} min",
        _ when runIntervalSeconds % 3600 == 0 => $"every {runIntervalSeconds / 3600} h",
        _ => $"every {runIntervalSeconds} s",
    };
}
