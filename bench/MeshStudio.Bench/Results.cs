using System.Globalization;

namespace MeshStudio.Bench;

/// <summary>Every figure of the run, one value per repetition; printed as a table and as <c>name: median</c> lines.</summary>
public sealed class Results
{
    private readonly Dictionary<string, List<double>> _values = [];
    private readonly List<string> _notes = [];

    public void Record(string name, double value) => (_values.TryGetValue(name, out var list) ? list : _values[name] = []).Add(value);

    /// <summary>A line printed under the table (e.g. a correctness check's OK / MISMATCH).</summary>
    public void Note(string line)
    {
        _notes.Add(line);
        Console.WriteLine(line);
    }

    public void Print()
    {
        var columns = Math.Max(1, _values.Values.Select(v => v.Count).DefaultIfEmpty(1).Max());
        Console.WriteLine();
        var header = string.Join(" | ", Enumerable.Range(1, columns).Select(r => $"run {r}".PadLeft(12)));
        Console.WriteLine($"| {"figure",-48} | {header} | {"median",12} |");
        Console.WriteLine($"|{new string('-', 50)}|{string.Join("|", Enumerable.Range(0, columns).Select(_ => new string('-', 14)))}|{new string('-', 14)}|");
        foreach (var (name, values) in _values)
        {
            var cells = Enumerable.Range(0, columns).Select(i => (i < values.Count ? Format(values[i]) : "").PadLeft(12));
            Console.WriteLine($"| {name,-48} | {string.Join(" | ", cells)} | {Format(Stats.Median(values)),12} |");
        }
        Console.WriteLine();
        foreach (var note in _notes)
            Console.WriteLine(note);
        if (_notes.Count > 0)
            Console.WriteLine();
        foreach (var (name, values) in _values)
            Console.WriteLine($"{name}: {Format(Stats.Median(values))}");
    }

    public static string Format(double value) =>
        Math.Abs(value) >= 100 ? Math.Round(value).ToString("F0", CultureInfo.InvariantCulture) : value.ToString("F3", CultureInfo.InvariantCulture);
}
