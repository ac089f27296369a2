using System.Collections.Immutable;
using Symbolic.Compilation;

namespace Symbolic;

// The compiler's entry points on Expr (the rest of the library's methods are in ExprApi.cs).
public abstract partial class Expr
{
    /// <summary>Compiles this expression as a function of <paramref name="variables"/>, in that order.</summary>
    /// <example><c>Expr.Parse("x^2*y").Compile("x", "y").Value([3.0, 2.0])</c> is 18.</example>
    /// <exception cref="SymbolicException">The expression depends on a symbol not named, or applies an undefined function.</exception>
    public CompiledFunction Compile(params string[] variables) => Compile(Symbols(variables), []);

    /// <summary>Compiles this expression as a function of <paramref name="variables"/>, in that order.</summary>
    public CompiledFunction Compile(IReadOnlyList<string> variables) => Compile(Symbols(variables), []);

    /// <summary>Compiles this expression as a function of <paramref name="variables"/>, in that order.</summary>
    public CompiledFunction Compile(params Symbol[] variables) => Compile(variables, []);

    /// <summary>
    /// Compiles this expression as a function of <paramref name="variables"/> with <paramref name="parameters"/>
    /// that stay fixed while the variables change (a data row's features, a target): bind them with
    /// <see cref="CompiledFunction.Bind"/> or pass them to each call.
    /// </summary>
    public CompiledFunction Compile(IReadOnlyList<string> variables, IReadOnlyList<string> parameters) =>
        Compile(Symbols(variables), Symbols(parameters));

    /// <summary>Compiles with variables and parameters given as symbols.</summary>
    public CompiledFunction Compile(IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters) =>
        Compile(variables, parameters, CompileOptions.Default);

    /// <summary>Compiles with variables, parameters and the compiler's options (e.g. reverse-mode gradients).</summary>
    public CompiledFunction Compile(IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        return new CompiledFunction(this, [.. variables], [.. parameters], options);
    }

    /// <summary>Compiles to a typed delegate whose arguments are the variables in order.</summary>
    /// <example><c>Expr.Parse("x*y").Compile&lt;Func&lt;double, double, double&gt;&gt;("x", "y")(2, 3)</c> is 6.</example>
    /// <exception cref="ArgumentException"><typeparamref name="TDelegate"/> does not take one double per variable and return a double.</exception>
    public TDelegate Compile<TDelegate>(params string[] variables) where TDelegate : Delegate
    {
        var symbols = Symbols(variables);
        CompiledFunction.CheckSymbols(this, [.. symbols], []);
        return Kernels.Typed<TDelegate>(Evaluation.StableForms.Rewrite(this), symbols);
    }

    /// <summary>Compiles several expressions together (values and Jacobian), sharing their common work.</summary>
    public static CompiledVectorFunction CompileVector(IReadOnlyList<Expr> functions, params string[] variables) =>
        CompileVector(functions, variables, []);

    /// <summary>Compiles several expressions together with variables and fixed parameters.</summary>
    public static CompiledVectorFunction CompileVector(IReadOnlyList<Expr> functions, IReadOnlyList<string> variables, IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return new CompiledVectorFunction([.. functions], [.. Symbols(variables)], [.. Symbols(parameters)]);
    }

    private static Symbol[] Symbols(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new Symbol[names.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Symbol(names[i] ?? throw new ArgumentNullException(nameof(names)));
        return result;
    }
}
