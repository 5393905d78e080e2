using System.Globalization;
using MeshStudio.Application.Access;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Governance;
using MeshStudio.Application.Governance.Policies;
using MeshStudio.Application.Products;
using MeshStudio.Core.Access;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Governance;
using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Products;
using MeshStudio.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshStudio.Web.Features.Catalog;

/// <summary>
/// A product's page: docs, schema, a sample when the user may read the data, usage snippets,
/// the user's access request and, for its domain's authors, editing and publishing.
/// </summary>
public sealed partial class ProductPage : UserPage
{
    public const int SampleRows = 20;

    private UserContext? _user;
    private ProductDetails? _product;
    private QueryResult? _sample;
    private string? _sampleError;
    private ReviewDetails? _rejection;
    private bool _loading = true;
    private bool _requesting;
    private string _purpose = "";
    private bool _editing;
    private string _editTitle = "";
    private string _editDescription = "";
    private string _editTags = "";
    private string? _descriptionHint;
    private readonly UserActionState _action = new();

    [Inject]
    public required ProductService Products { get; init; }

    [Inject]
    public required AccessService Access { get; init; }

    [Inject]
    public required ReviewService Reviews { get; init; }

    [Inject]
    public required ProductData Data { get; init; }

    [Inject]
    public required PolicyService Policies { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public string Domain { get; set; } = "";

    [Parameter]
    public string Name { get; set; } = "";

    private QualifiedName QualifiedName => _product?.Name ?? new QualifiedName(Domain, Name);

    private string StudioSql => ProductQueries.Explore(QualifiedName);

    private string ParquetUrl => $"/api/products/{QualifiedName.Domain}/{QualifiedName.Name}/data?format=parquet";

    private string CurlSnippet =>
        $"curl -H \"Authorization: Bearer $TOKEN\" \\\n  \"{Navigation.BaseUri.TrimEnd('/')}/api/products/{QualifiedName.Domain}/{QualifiedName.Name}/data?format=csv\"";

    private bool CanRequest =>
        _product is not null && _user is not null
        && _product.CanRequestAccess
        && AccessRules.CanRequestAccess(_user, _product.Name.Domain, _product.Status);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _action.Clear();
        _editing = false;
        _requesting = false;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _sample = null;
        _sampleError = null;
        Error = null;
        _product = null;
        _rejection = null;
        if (!QualifiedName.IsValidIdentifier(Domain) || !QualifiedName.IsValidIdentifier(Name))
        {
            Error = $"'{Domain}.{Name}' is not a product name: names are lower-case letters, digits and underscores.";
            return;
        }
        var loaded = await LoadForUserAsync(async user =>
        {
            _user = user;
            _product = await Products.GetAsync(user, new QualifiedName(Domain, Name), CancellationToken.None);
        });
        if (!loaded)
            return;
        if (_product is { CanReadData: true, SnapshotLocation: not null })
            await LoadSampleAsync(_product.Name);
        _rejection = _product is { CanEdit: true, Status: ProductStatus.Rejected } ? await LatestRejectionAsync(_product.Name) : null;
    }

    /// <summary>The steward's comment tells the authors what to fix before publishing again.</summary>
    private async Task<ReviewDetails?> LatestRejectionAsync(QualifiedName name)
    {
        var rejected = await Reviews.ListAsync(_user!, ReviewStatus.Rejected, CancellationToken.None);
        var latest = rejected.FirstOrDefault(r => r.Product == name);
        return latest is null ? null : await Reviews.GetAsync(_user!, latest.Id, CancellationToken.None);
    }

    private async Task LoadSampleAsync(QualifiedName name)
    {
        try
        {
            _sample = await Data.SampleAsync(_user!, name, SampleRows, CancellationToken.None);
        }
        catch (SqlException e)
        {
            _sampleError = $"The sample could not be read: {e.Error.Message}";
        }
        catch (AccessDeniedException e)
        {
            _sampleError = e.Message;
        }
    }

    private async Task RequestAccessAsync()
    {
        await _action.RunAsync(async () =>
        {
            await Access.RequestAsync(_user!, _product!.Name, _purpose, CancellationToken.None);
            _purpose = "";
            _requesting = false;
            await LoadAsync();
            _action.Say(Severity.Success, $"Access requested. The owners of the {_product!.Name.Domain} domain will decide; follow it on the Access page.");
        });
    }

    private async Task StartEditingAsync()
    {
        _descriptionHint = DescriptionHint(await Policies.InForceAsync(_product!.Name.Domain, CancellationToken.None));
        _editTitle = _product.Title;
        _editDescription = _product.Description;
        _editTags = string.Join(", ", _product.Tags);
        _editing = true;
    }

    private async Task SaveMetadataAsync()
    {
        await _action.RunAsync(async () =>
        {
            var tags = _editTags.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await Products.UpdateMetadataAsync(_user!, _product!.Name, _editTitle, _editDescription, tags, CancellationToken.None);
            _editing = false;
            await LoadAsync();
            _action.Say(Severity.Success, "Description and tags saved.");
        });
    }

    private async Task PublishAsync()
    {
        await _action.RunAsync(async () =>
        {
            var id = await Reviews.OpenAsync(_user!, _product!.Name, CancellationToken.None);
            var review = await Reviews.GetAsync(_user!, id, CancellationToken.None);
            await LoadAsync();
            var failed = review?.Checks.Where(c => !c.Passed).ToList() ?? [];
            if (failed.Count == 0)
                _action.Say(Severity.Success, $"Governance review #{id} opened; every automated check passed. A steward will decide.");
            else
                _action.Say(Severity.Warning, $"Governance review #{id} opened, but some checks failed: " +
                                              string.Join(" ", failed.Select(c => c.Message)));
        });
    }

    private string AccessText
    {
        get
        {
            var p = _product!;
            if (_user!.IsMemberOf(p.Name.Domain))
                return $"You are a member of {p.Name.Domain}: you can read this product.";
            if (p.CanReadData)
                return p.MyGrantExpiresAt is { } expires ? $"Access granted until {Freshness.Utc(expires)}." : "Access granted.";
            if (p.Status != ProductStatus.Published)
                return "Access can be requested once the product is published.";
            return p.MyRequestStatus switch
            {
                AccessRequestStatus.Pending => $"Access requested — pending: the owners of {p.Name.Domain} have not decided yet.",
                AccessRequestStatus.Rejected => "Your last request was rejected. You can ask again with a clearer purpose.",
                AccessRequestStatus.Approved => "Your access has expired. Request it again to keep using this product.",
                _ => "You have no access to this product's data yet.",
            };
        }
    }

    private string AccessIcon => _product!.CanReadData ? Icons.Material.Outlined.LockOpen
        : _product.MyRequestStatus == AccessRequestStatus.Pending ? Icons.Material.Outlined.HourglassTop
        : Icons.Material.Outlined.Lock;

    private Color AccessColor => _product!.CanReadData ? Color.Success
        : _product.MyRequestStatus == AccessRequestStatus.Pending ? Color.Warning
        : Color.Default;

    private static string AuthorHint(ProductStatus status) => status switch
    {
        ProductStatus.Draft => "A draft: only your domain and governance see it. Describe it, then publish it to open a governance review.",
        ProductStatus.InReview => "Waiting for a steward's governance review; it enters the marketplace once approved.",
        ProductStatus.Rejected => "The governance review rejected it: fix what the steward asked for, then publish again.",
        _ => "Published in the marketplace. Keep its description and tags up to date.",
    };

    internal static string StatusText(ProductStatus status) => status switch
    {
        ProductStatus.InReview => "In review",
        _ => status.ToString(),
    };

    internal static Color StatusColor(ProductStatus status) => status switch
    {
        ProductStatus.Published => Color.Success,
        ProductStatus.InReview => Color.Warning,
        ProductStatus.Rejected => Color.Error,
        _ => Color.Default,
    };

    internal static string CellText(object? value) => value switch
    {
        null => "NULL",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        float f => f.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The hint names the description length the policies in force ask for, as the review will check it.</summary>
    private static string? DescriptionHint(IReadOnlyList<PolicyDefinition> inForce) =>
        inForce.Where(p => p.Enabled && p.Kind == PolicyKind.Description).Max(p => p.MinLength) is { } length
            ? $"At least {length} characters to pass the governance policies."
            : null;
}
