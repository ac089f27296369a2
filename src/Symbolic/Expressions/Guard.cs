using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Symbolic;

/// <summary>
/// Argument checks of the public methods, each naming the parameter: null arguments and null elements of
/// collections are refused before any work is done, so a bad call never reaches the factories (and never
/// interns a node with a null child) and never surfaces as a NullReferenceException from deep inside a pass.
/// </summary>
internal static class Guard
{
    /// <summary><paramref name="value"/>, or an <see cref="ArgumentNullException"/> naming the parameter.</summary>
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? name = null) where T : class =>
        value ?? throw new ArgumentNullException(name);

    /// <summary><paramref name="items"/> when neither it nor any element is null; otherwise the exception naming the parameter.</summary>
    public static TList NoNulls<TList>([NotNull] TList? items, [CallerArgumentExpression(nameof(items))] string? name = null)
        where TList : class, System.Collections.IEnumerable
    {
        ArgumentNullException.ThrowIfNull(items, name);
        foreach (var item in items)
            if (item is null) throw NullElement(name);
        return items;
    }

    /// <summary>The exception for a collection argument that holds a null.</summary>
    public static ArgumentException NullElement(string? name) => new($"{name} contains a null element", name);

    /// <summary>The symbol named <paramref name="value"/>, checked as the parameter <paramref name="name"/>.</summary>
    public static Symbol SymbolArgument([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0) throw new ArgumentException($"{name}: a variable name must not be empty", name);
        return Intern.Symbol(value);
    }

    /// <summary>The symbols named in <paramref name="values"/>, each checked, the collection named <paramref name="name"/>.</summary>
    public static Symbol[] SymbolArguments([NotNull] IReadOnlyList<string>? values, [CallerArgumentExpression(nameof(values))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var result = new Symbol[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            string? v = values[i];
            if (v is null) throw NullElement(name);
            if (v.Length == 0) throw new ArgumentException($"{name}: a variable name must not be empty", name);
            result[i] = Intern.Symbol(v);
        }
        return result;
    }

    /// <summary>Refuses a variable named twice (a point, a compiled function's inputs: each name must be one coordinate).</summary>
    public static void Distinct(IReadOnlyList<Symbol> symbols, string name)
    {
        var seen = new HashSet<Symbol>();
        foreach (var s in symbols)
            if (!seen.Add(s)) throw new ArgumentException($"'{s.Name}' is named twice in {name}", name);
    }
}
