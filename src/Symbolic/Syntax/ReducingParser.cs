using Antlr4.Runtime;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax.Generated
{
    partial class SymbolicParser
    {
        public partial class ExpressionContext
        {
            /// <summary>The sum of the terms parsed so far, folded by <see cref="Syntax.ReducingParser"/> as each term ends.</summary>
            internal ExprSyntax? Syntax;
        }
    }
}

namespace Symbolic.Syntax
{
    /// <summary>
    /// The generated parser, plus one thing: each term (a product of factors) becomes syntax as soon
    /// as it is parsed, is handed to an optional reducer, and is folded into its sum; the rule contexts
    /// under it are let go. Without this, every context of a 200,000-character sum stays reachable
    /// until the parse ends, and the garbage collector copies them all from generation to generation,
    /// which costs more than the parse itself; with it, they die young. It also keeps AstBuilder's
    /// recursion shallow: a term's subtree reaches only down to the terms nested in it, which are
    /// already built.
    /// </summary>
    /// <param name="tokens">The statement's tokens.</param>
    /// <param name="reduceTerm">
    /// Called with the syntax of every term as it is parsed (innermost first); what it returns stands
    /// for the term from then on. <c>Expr.Parse</c> binds each term here, so the syntax of a term dies
    /// before the next one is parsed instead of living until the whole sum has been read.
    /// </param>
    internal sealed class ReducingParser(StatementTokenSource tokens, Func<ExprSyntax, ExprSyntax>? reduceTerm)
        : SymbolicParser(new UnbufferedTokenStream(tokens))
    {
        public override void ExitRule()
        {
            var context = Context;
            base.ExitRule();
            // A context with an exception is an error being unwound (BailErrorStrategy marks the
            // whole chain), as is every context once the token source has given up; there is
            // nothing to build.
            if (context is TermContext { exception: null } term && !tokens.Abandoned)
            {
                var syntax = AstBuilder.Instance.BuildTerm(term);
                if (reduceTerm is not null) syntax = reduceTerm(syntax);
                // A term is always part of an expression, which is now the current context again.
                var sum = (ExpressionContext)Context;
                sum.Syntax = AstBuilder.AddTerm(sum, term, syntax);
                term.first = null!;
                term._factor = null!;
                term._factors.Clear();
            }
        }
    }
}
