using MeshStudio.Core.Semantics;

namespace MeshStudio.Core.Tests.Semantics;

public sealed class SemanticMatcherTests
{
    private static readonly SemanticType Country = new("country", "ISO 3166 alpha-2 country codes.",
    [
        new SemanticValue("US", ["U.S.", "USA", "United States", "America"]),
        new SemanticValue("DE", ["Germany", "Deutschland"]),
    ]);

    private readonly SemanticMatcher _matcher = new(Country);

    [Theory]
    [InlineData("U.S.A.", "US")]
    [InlineData("united  states", "US")]
    [InlineData("  america ", "US")]
    [InlineData("United\tStates", "US")]
    [InlineData("deutschland", "DE")]
    public void Match_Synonym_ReturnsCanonical(string raw, string expected) =>
        Assert.Equal(expected, _matcher.Match(raw));

    [Theory]
    [InlineData("US")]
    [InlineData("us")]
    [InlineData("D.E.")]
    public void Match_CanonicalValue_MapsToItself(string raw) =>
        Assert.Equal(raw.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant(), _matcher.Match(raw));

    [Fact]
    public void Match_UnknownValue_ReturnsNullAndAlignKeepsIt()
    {
        Assert.Null(_matcher.Match("Atlantis"));
        Assert.Equal("Atlantis", _matcher.Align("Atlantis"));
        Assert.Null(_matcher.Align(null));
    }

    [Theory]
    [InlineData("U.S.A.", "USA")]
    [InlineData(" united \r\n states. ", "UNITED STATES")]
    [InlineData("...", "")]
    public void Normalize_Spelling_UpperCasesStripsDotsAndCollapsesWhitespace(string raw, string expected) =>
        Assert.Equal(expected, SemanticMatcher.Normalize(raw));

    [Fact]
    public void Mappings_Type_ListsCanonicalAndEverySynonymOnce()
    {
        var mappings = SemanticMatcher.Mappings(Country).ToList();

        Assert.Contains(new SemanticMapping("country", "US", "US"), mappings);
        Assert.Contains(new SemanticMapping("country", "USA", "US"), mappings);
        Assert.Contains(new SemanticMapping("country", "UNITED STATES", "US"), mappings);
        Assert.Equal(mappings.Count, mappings.Select(m => m.Key).Distinct().Count());
        Assert.Equal(7, mappings.Count); // "U.S." normalises to the canonical "US"
    }

    [Fact]
    public void Conflicts_SynonymOfTwoCanonicals_IsReported()
    {
        var ambiguous = Country with { Values = [.. Country.Values, new SemanticValue("GB", ["u.s.a"])] };

        var conflict = Assert.Single(SemanticMatcher.Conflicts(ambiguous));

        Assert.Contains("both US and GB", conflict, StringComparison.Ordinal);
        Assert.Empty(SemanticMatcher.Conflicts(Country));
    }
}
