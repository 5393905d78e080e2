namespace MeshStudio.Application.Search;

/// <summary>The classification facet's values: whether a product has columns flagged as personal data.</summary>
public static class SearchClassification
{
    public const string Personal = "personal";
    public const string NotPersonal = "not-personal";

    public static string Of(PublishedProduct product) =>
        product?.ContainsPersonalData == true ? Personal : NotPersonal;

    /// <summary>How a person reads the value.</summary>
    public static string Label(string value) => value == Personal ? "Personal data" : "No personal data";
}
