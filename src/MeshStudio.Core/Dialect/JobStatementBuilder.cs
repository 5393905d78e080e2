using MeshStudio.Core.Sql;

namespace MeshStudio.Core.Dialect;

/// <summary>Composes the CREATE JOB statement the "Save as job" form deploys, so the analyst sees real dialect.</summary>
public static class JobStatementBuilder
{
    public static string Build(string domain, string product, string? keyColumns, string interval, string query)
    {
        var name = product.Trim();
        var options = string.IsNullOrWhiteSpace(interval) ? "" : $" WITH (run_interval = {SqlText.Literal(interval)})";
        var keys = (keyColumns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var key = keys.Length == 0 ? "" : $" KEY ({string.Join(", ", keys)})";
        return $"CREATE JOB {domain}.{name}_job{options} AS\nINSERT INTO {domain}.{name}{key}\n{query}";
    }
}
