using System.Collections.Immutable;
using Symbolic.Compilation;

namespace Symbolic;

// The compiler's entry points on Expr (the rest of the library's methods are in ExprApi.cs).
public abstract partial class Expr
{
    /// <summary>Compiles this expression as a function of <paramref name="variables"/>, in that order.</summary>
    /// <example><c>Expr.Parse("x^2*y").Compile("x", "y").Value([3.0, 2.0])</c> is 18.</example>
    /// <exception cref="SymbolicException">The expression depends on a symbol not named, or applies an undefined function.</exception>
    /// <exception cref="ArgumentException">A variable is named twice, or <paramref name="variables"/> is null, holds a null or an empty name.</exception>
    public CompiledFunction Compile(params string[] variables) => Compile(Guard.SymbolArguments(variables), []);

    /// <summary>Compiles this expression as a function of <paramref name="variables"/>, in that order.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Compile(string[])"/>.</exception>
    public CompiledFunction Compile(IReadOnlyList<string> variables) => Compile(Guard.SymbolArguments(variables), []);

    /// <summary>Compiles this expression as a function of <paramref name="variables"/>, in that order.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Compile(string[])"/>.</exception>
    public CompiledFunction Compile(params Symbol[] variables) => Compile(Guard.NoNulls(variables), []);

    /// <summary>
    /// Compiles this expression as a function of <paramref name="variables"/> with <paramref name="parameters"/>
    /// that stay fixed while the variables change (a data row's features, a target): bind them with
    /// <see cref="CompiledFunction.Bind"/> or pass them to each call.
    /// </summary>
    /// <exception cref="ArgumentException">A name is given twice among the variables and parameters, or an argument is null,
    /// holds a null or an empty name.</exception>
    public CompiledFunction Compile(IReadOnlyList<string> variables, IReadOnlyList<string> parameters) =>
        Compile(Guard.SymbolArguments(variables), Guard.SymbolArguments(parameters));

    /// <summary>Compiles with variables and parameters given as symbols.</summary>
    public CompiledFunction Compile(IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters) =>
        Compile(variables, parameters, CompileOptions.Default);

    /// <summary>Compiles with variables, parameters and the compiler's options (e.g. reverse-mode gradients).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Compile(IReadOnlyList{string}, IReadOnlyList{string})"/>.</exception>
    public CompiledFunction Compile(IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> parameters, CompileOptions options)
    {
        Guard.NoNulls(variables);
        Guard.NoNulls(parameters);
        ArgumentNullException.ThrowIfNull(options);
        return new CompiledFunction(this, [.. variables], [.. parameters], options);
    }

    /// <summary>Compiles to a typed delegate whose arguments are the variables in order.</summary>
    /// <example><c>Expr.Parse("x*y").Compile&lt;Func&lt;double, double, double&gt;&gt;("x", "y")(2, 3)</c> is 6.</example>
    /// <exception cref="ArgumentException"><typeparamref name="TDelegate"/> does not take one double per variable and return a double.</exception>
    public TDelegate Compile<TDelegate>(params string[] variables) where TDelegate : Delegate
    {
        var symbols = Guard.SymbolArguments(variables);
        CompiledFunction.CheckSymbols(this, [.. symbols], []);
        return Kernels.Typed<TDelegate>(Evaluation.StableForms.Rewrite(this), symbols);
    }

    /// <summary>Compiles several expressions together (values and Jacobian), sharing their common work.</summary>
    /// <exception cref="ArgumentException">An argument is null or holds a null, or a name is given twice.</exception>
    public static CompiledVectorFunction CompileVector(IReadOnlyList<Expr> functions, params string[] variables) =>
        CompileVector(functions, Guard.NotNull(variables), []);

    /// <summary>Compiles several expressions together with variables and fixed parameters.</summary>
    public static CompiledVectorFunction CompileVector(IReadOnlyList<Expr> functions, IReadOnlyList<string> variables, IReadOnlyList<string> parameters)
    {
        Guard.NoNulls(functions);
        return new CompiledVectorFunction([.. functions], [.. Guard.SymbolArguments(variables)], [.. Guard.SymbolArguments(parameters)]);
    }
}
