using Antlr4.Runtime;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax.Generated
{
    partial class SymbolicParser
    {
        public partial class TermContext
        {
            /// <summary>The term's syntax, set by <see cref="Syntax.ReducingParser"/> when the term is parsed.</summary>
            internal ExprSyntax? Syntax;
        }
    }
}

namespace Symbolic.Syntax
{
    /// <summary>
    /// The generated parser, plus one thing: each term (a product of factors) becomes syntax as soon
    /// as it is parsed, and the rule contexts under it are let go. Without this, every context of a
    /// 200,000-character sum stays reachable until the parse ends, and the garbage collector copies
    /// them all from generation to generation, which costs more than the parse itself; with it, they
    /// die young. It also keeps AstBuilder's recursion shallow: a term's subtree reaches only down to
    /// the terms nested in it, which are already built.
    /// </summary>
    internal sealed class ReducingParser(ITokenStream input) : SymbolicParser(input)
    {
        public override void ExitRule()
        {
            var context = Context;
            base.ExitRule();
            // A context with an exception is an error being unwound (BailErrorStrategy marks the
            // whole chain); there is nothing to build.
            if (context is TermContext { exception: null } term)
            {
                term.Syntax = AstBuilder.Instance.BuildTerm(term);
                term.first = null!;
                term._factor = null!;
                term._factors.Clear();
            }
        }
    }
}
