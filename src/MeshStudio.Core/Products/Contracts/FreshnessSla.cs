using System.Globalization;

namespace MeshStudio.Core.Products.Contracts;

/// <summary>
/// A contract's freshness promise: its <c>latency</c> SLA property as a duration. A generated contract promises two
/// run intervals (one missed run), so a scheduled product has a freshness SLA even before its owner writes one.
/// </summary>
public static class FreshnessSla
{
    /// <summary>The freshness a scheduled job's product promises until its owner says otherwise.</summary>
    public static TimeSpan Default(TimeSpan runInterval) => runInterval * 2;

    /// <summary>The <c>latency</c> of <paramref name="contract"/>; null when it has none or its value or unit cannot be read.</summary>
    public static TimeSpan? Of(DataContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var latency = contract.SlaProperties.FirstOrDefault(s => string.Equals(s.Property, ContractSla.Latency, StringComparison.OrdinalIgnoreCase));
        if (latency is null || !double.TryParse(latency.Value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return null;
        TimeSpan? unit = (latency.Unit ?? "d").Trim().ToLowerInvariant() switch
        {
            "ms" or "millisecond" or "milliseconds" => TimeSpan.FromMilliseconds(1),
            "s" or "sec" or "second" or "seconds" => TimeSpan.FromSeconds(1),
            "m" or "min" or "minute" or "minutes" => TimeSpan.FromMinutes(1),
            "h" or "hr" or "hour" or "hours" => TimeSpan.FromHours(1),
            "d" or "day" or "days" => TimeSpan.FromDays(1),
            "w" or "week" or "weeks" => TimeSpan.FromDays(7),
            _ => null,
        };
        return unit is { } one && value * one.Ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)(value * one.Ticks)) : null;
    }
}
