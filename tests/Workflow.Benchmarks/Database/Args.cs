using System.Globalization;

namespace Workflow.Benchmarks.Database;

/// <summary>Tiny <c>--name value</c> / <c>--flag</c> parser for the database commands.</summary>
internal sealed class Args
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private Args()
    {
    }

    /// <summary>Parses <paramref name="args"/>; <paramref name="flags"/> take no value. Null (with a message) when malformed.</summary>
    public static Args? Parse(string[] args, IReadOnlySet<string> options, IReadOnlySet<string> flags, out string? error)
    {
        var parsed = new Args();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
            {
                parsed._values[name] = null;
            }
            else if (options.Contains(name) && i + 1 < args.Length)
            {
                parsed._values[name] = args[++i];
            }
            else
            {
                error = $"unknown or incomplete argument '{name}'";
                return null;
            }
        }
        error = null;
        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) && v is not null ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
