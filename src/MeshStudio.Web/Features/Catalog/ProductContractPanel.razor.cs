using MeshStudio.Application.Products.Contracts;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>
/// The product's contract on its page: terms, freshness, support, team, the schema's promises and the quality rules,
/// readable; its owners edit or import the ODCS YAML, everyone who sees the product downloads it.
/// </summary>
public partial class ProductContractPanel
{
    [Parameter, EditorRequired]
    public required QualifiedName Product { get; set; }

    [Inject]
    public required ProductContracts Contracts { get; init; }

    private readonly UserActionState _action = new();
    private ContractView? _view;
    private ContractSchemaObject? _object;
    private List<(string? Column, ContractQualityRule Rule)> _quality = [];
    private bool _hasClassification;
    private bool _hasDescriptions;
    private bool _editing;
    private string _yaml = "";

    private string DownloadUrl => $"/api/products/{Uri.EscapeDataString(Product.Domain)}/{Uri.EscapeDataString(Product.Name)}/contract?download=true";

    protected override async Task OnParametersSetAsync() => await LoadForUserAsync(async user =>
        Show(await Contracts.GetAsync(user, Product, CancellationToken.None)));

    private void Show(ContractView? view)
    {
        _view = view;
        Error = view is null ? $"There is no product {Product} you can see." : null;
        _object = view?.Contract.ObjectFor(Product.Name);
        _hasClassification = _object?.Properties.Any(p => p.Classification is not null) == true;
        _hasDescriptions = _object?.Properties.Any(p => p.Description is not null) == true;
        _quality = _object is null
            ? []
            : [.. _object.Quality.Select(r => ((string?)null, r)), .. _object.Properties.SelectMany(p => p.Quality.Select(r => ((string?)p.Name, r)))];
    }

    private void StartEditing()
    {
        _yaml = _view!.Yaml;
        _editing = true;
        _action.Clear();
    }

    private async Task SaveAsync() => await _action.RunAsync(async () =>
    {
        try
        {
            Show(await Contracts.SaveAsync(await CurrentUser.GetAsync(), Product, _yaml, CancellationToken.None));
            _editing = false;
            _action.Say(Severity.Success, "Contract saved. Jobs that would break it are now refused at deploy.");
        }
        catch (ContractFormatException e)
        {
            _action.Say(Severity.Error, e.Message);
        }
    }, clearMessage: true);

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        try
        {
            using var reader = new StreamReader(e.File.OpenReadStream(ProductContracts.MaxLength));
            _yaml = await reader.ReadToEndAsync();
            _action.Say(Severity.Info, $"{e.File.Name} loaded into the editor; save to replace the contract.");
        }
        catch (IOException)
        {
            _action.Say(Severity.Error, $"{e.File.Name} is larger than {ProductContracts.MaxLength / 1024} KiB.");
        }
    }

    private static string Sla(DataContract contract)
    {
        var parts = contract.SlaProperties
            .Where(s => s.Property is ContractSla.Latency or "frequency")
            .Select(s => $"{(s.Property == ContractSla.Latency ? "data at most" : "updated every")} {s.Value.Text} {Unit(s.Unit)}{(s.Property == ContractSla.Latency ? " old" : "")}")
            .ToList();
        return parts.Count == 0 ? "No freshness promised." : string.Join("; ", parts);
    }

    private static string Unit(string? unit) => unit switch
    {
        "s" => "seconds",
        "m" => "minutes",
        "h" => "hours",
        "d" => "days",
        "y" => "years",
        _ => unit ?? "",
    };

    private static string Promise(ContractProperty p)
    {
        var promises = new List<string>();
        if (p.PrimaryKey == true)
            promises.Add(p.PrimaryKeyPosition is > 0 ? $"key ({p.PrimaryKeyPosition})" : "key");
        if (p.Required == true)
            promises.Add("never null");
        return string.Join(", ", promises);
    }

    private static string? Check(ContractQualityRule rule) =>
        rule.Query ?? (rule.Extras.FirstOrDefault(f => f.Name == "implementation")?.Value as ContractValue.Scalar)?.Text;

    /// <summary>Only web and mail links become links; any other scheme (javascript:, data:) stays text.</summary>
    private static string? SafeLink(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto" ? uri.ToString() : null;
}
