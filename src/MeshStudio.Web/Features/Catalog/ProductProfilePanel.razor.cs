using System.Globalization;
using MeshStudio.Application.Products;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>
/// The column profile under a product's schema: nulls, approximate distinct values, minimum and maximum per column,
/// from the current snapshot's Parquet footers (ADR 27), for users who may read the data.
/// </summary>
public sealed partial class ProductProfilePanel : UserPage
{
    private ProductStatistics? _profile;

    [Parameter, EditorRequired]
    public required QualifiedName Product { get; set; }

    /// <summary>Whether the user may read the data; without it the panel says how to get it and reads nothing.</summary>
    [Parameter]
    public bool CanRead { get; set; }

    [Inject]
    public required ProductStatisticsReader Statistics { get; init; }

    private string Summary
    {
        get
        {
            var p = _profile!;
            var layout = string.Create(CultureInfo.InvariantCulture,
                $"{p.RowCount:N0} rows in {p.Files:N0} {(p.Files == 1 ? "file" : "files")} and {p.RowGroups:N0} row {(p.RowGroups == 1 ? "group" : "groups")}");
            var partitions = p.Partitions.Count > 0 ? $", partitioned by {string.Join(", ", p.Partitions.Select(c => c.Name))}" : "";
            return $"{layout}{partitions} · snapshot {p.Snapshot} · from the Parquet footers; distinct counts are approximate";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _profile = null;
        if (CanRead)
            await LoadForUserAsync(async user => _profile = await Statistics.ReadAsync(user, Product, CancellationToken.None));
    }

    private static string Nulls(long? nulls, long rows) => nulls switch
    {
        null => "—",
        0 => "0",
        { } n => string.Create(CultureInfo.InvariantCulture, $"{n:N0} ({100.0 * n / Math.Max(1, rows):0.#} %)"),
    };

    private static string Value(object? value) => value switch
    {
        null => "—",
        DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
