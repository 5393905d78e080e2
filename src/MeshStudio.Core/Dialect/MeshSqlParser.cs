using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Dialect;

/// <summary>
/// Parses the MeshStudio statements (CREATE SOURCE, CREATE / ALTER / DROP JOB) and passes everything else through as a query.
/// The SELECT inside a job is left to DuckDB: this parser only reads the statement heads.
/// </summary>
public static class MeshSqlParser
{
    /// <summary>Parses a script of statements separated by semicolons. Errors carry script positions.</summary>
    public static ScriptParseResult ParseScript(string script)
    {
        var statements = new List<MeshStatement>();
        var errors = new List<SqlError>();
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = SqlTokenizer.Tokenize(script);
        }
        catch (SqlException e)
        {
            return new ScriptParseResult([], [e.Error]);
        }

        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && !tokens[i].IsSymbol(';'))
                continue;
            if (i > start)
            {
                var slice = tokens.Skip(start).Take(i - start).ToList();
                try
                {
                    statements.Add(ParseStatement(script, slice));
                }
                catch (SqlException e)
                {
                    errors.Add(e.Error);
                }
            }
            start = i + 1;
        }
        if (statements.Count == 0 && errors.Count == 0)
            errors.Add(new SqlError("The script is empty.", 1, 1));
        return new ScriptParseResult(statements, errors);
    }

    /// <summary>Parses exactly one statement; throws <see cref="SqlException"/> with its position.</summary>
    public static MeshStatement Parse(string sql)
    {
        var result = ParseScript(sql);
        if (!result.Succeeded)
            throw new SqlException(result.Errors[0]);
        if (result.Statements.Count > 1)
            throw new SqlException(SqlError.At("Run one statement at a time.", sql, result.Statements[1].ScriptOffset));
        return result.Statements[0];
    }

    private static MeshStatement ParseStatement(string script, List<SqlToken> tokens)
    {
        var reader = new TokenReader(script, tokens);
        var text = script[tokens[0].Offset..tokens[^1].End];
        if (tokens[0].Is("CREATE"))
        {
            var kind = reader.Lookahead(tokens[1].Is("OR") ? 3 : 1);
            if (kind?.Is("SOURCE") == true)
                return ParseCreateSource(reader) with { ScriptOffset = tokens[0].Offset, Text = text };
            if (kind?.Is("JOB") == true)
                return ParseCreateJob(reader) with { ScriptOffset = tokens[0].Offset, Text = text };
        }
        if (tokens[0].Is("ALTER") && reader.Lookahead(1)?.Is("JOB") == true)
        {
            var job = ParseCreateJob(reader, "ALTER") with { ScriptOffset = tokens[0].Offset, Text = text };
            return new AlterJobStatement(job) { ScriptOffset = tokens[0].Offset, Text = text };
        }
        if (tokens[0].Is("DROP") && reader.Lookahead(1)?.Is("JOB") == true)
            return ParseDropJob(reader) with { ScriptOffset = tokens[0].Offset, Text = text };
        return new QueryStatement(text) { ScriptOffset = tokens[0].Offset, Text = text };
    }

    private static CreateSourceStatement ParseCreateSource(TokenReader reader)
    {
        reader.Expect("CREATE");
        reader.OptionalOrReplace();
        reader.Expect("SOURCE");
        var name = reader.QualifiedName("source");
        var columns = new List<ColumnSchema>();
        if (reader.TryTakeSymbol('('))
        {
            do
            {
                var column = reader.Identifier("column name");
                var type = reader.TypeText();
                if (columns.Any(c => c.Name.Equals(column, StringComparison.OrdinalIgnoreCase)))
                    throw reader.ErrorAtPrevious($"Column \"{column}\" is declared twice.");
                columns.Add(new ColumnSchema(column, type));
            }
            while (reader.TryTakeSymbol(','));
            reader.ExpectSymbol(')');
        }
        var options = reader.TryTake("WITH") ? reader.Options() : new Dictionary<string, string>();
        reader.ExpectEnd();
        var statement = new CreateSourceStatement(name, columns, options);
        if (statement.Format is not ("json" or "csv" or "parquet"))
            throw reader.ErrorAtStart($"Unknown format '{statement.Format}': use 'json', 'csv' or 'parquet'.");
        return statement;
    }

    /// <summary><c>DROP JOB [IF EXISTS] d.j</c>.</summary>
    private static DropJobStatement ParseDropJob(TokenReader reader)
    {
        reader.Expect("DROP");
        reader.Expect("JOB");
        var ifExists = false;
        if (reader.TryTake("IF"))
        {
            reader.Expect("EXISTS");
            ifExists = true;
        }
        var name = reader.QualifiedName("job");
        reader.ExpectEnd();
        return new DropJobStatement(name, ifExists);
    }

    /// <summary><c>CREATE [OR REPLACE] JOB …</c>, or with <paramref name="head"/> ALTER: <c>ALTER JOB …</c> of the same shape.</summary>
    private static CreateJobStatement ParseCreateJob(TokenReader reader, string head = "CREATE")
    {
        reader.Expect(head);
        if (head == "CREATE")
            reader.OptionalOrReplace();
        reader.Expect("JOB");
        var name = reader.QualifiedName("job");
        var options = reader.TryTake("WITH") ? reader.Options() : new Dictionary<string, string>();
        if (options.TryGetValue("run_interval", out var interval) && IntervalParser.Parse(interval) is null)
            throw reader.ErrorAtStart($"run_interval '{interval}' is not an interval such as '10 seconds'.");
        reader.Expect("AS");
        reader.Expect("INSERT");
        reader.Expect("INTO");
        var targetStart = reader.Offset;
        var target = reader.QualifiedName("product");
        var targetSpan = new TextSpanInScript(targetStart, reader.PreviousEnd - targetStart);
        if (target.Domain != name.Domain)
            throw reader.ErrorAtPrevious($"A job writes products of its own domain: use {name.Domain}.{target.Name}, not {target}.");
        var keys = new List<string>();
        if (reader.TryTake("KEY"))
        {
            reader.ExpectSymbol('(');
            do
            {
                keys.Add(reader.Identifier("key column"));
            }
            while (reader.TryTakeSymbol(','));
            reader.ExpectSymbol(')');
        }
        var clauses = reader.FindTopLevel("WITH", "EXPECTATION");
        if (clauses < 0)
        {
            var (query, offset) = reader.Rest("the job's SELECT");
            return new CreateJobStatement(name, options, target, keys, query, offset) { TargetSpan = targetSpan };
        }
        var (select, selectOffset) = reader.TextUntil(clauses, "the job's SELECT");
        return new CreateJobStatement(name, options, target, keys, select, selectOffset, Expectations(reader)) { TargetSpan = targetSpan };
    }

    /// <summary><c>WITH EXPECTATION name EXPECT predicate ON VIOLATION DROP | WARN | FAIL</c>, one or more times, to the end.</summary>
    private static List<Expectation> Expectations(TokenReader reader)
    {
        var expectations = new List<Expectation>();
        do
        {
            reader.Expect("WITH");
            reader.Expect("EXPECTATION");
            var nameToken = reader.Peek();
            var name = reader.Identifier("expectation name");
            if (!IsExpectationName(name))
                throw reader.ErrorAt(nameToken, $"'{name}' is not a valid expectation name: use letters, digits and underscores, starting with a letter.");
            if (expectations.Any(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                throw reader.ErrorAt(nameToken, $"Expectation {name} is declared twice.");
            reader.Expect("EXPECT");
            var end = reader.FindTopLevel("ON", "VIOLATION");
            if (end < 0)
                throw reader.ErrorAt(nameToken, $"Expectation {name} needs ON VIOLATION DROP, WARN or FAIL after its predicate.");
            var (predicate, offset) = reader.TextUntil(end, $"the predicate of expectation {name}");
            reader.Expect("ON");
            reader.Expect("VIOLATION");
            var actionToken = reader.Peek();
            ExpectationAction? action = actionToken switch
            {
                null => null,
                _ when actionToken.Is("DROP") => ExpectationAction.Drop,
                _ when actionToken.Is("WARN") => ExpectationAction.Warn,
                _ when actionToken.Is("FAIL") => ExpectationAction.Fail,
                _ => null,
            };
            if (action is null)
            {
                var found = actionToken is null ? "nothing" : $"'{actionToken.Text}'";
                throw reader.ErrorAt(actionToken, $"Unknown action {found} for expectation {name}: use DROP, WARN or FAIL.");
            }
            reader.Identifier("action");
            expectations.Add(new Expectation(name, predicate, offset, action.Value));
        }
        while (reader.Peek() is not null);
        return expectations;
    }

    private static bool IsExpectationName(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
