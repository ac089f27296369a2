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

        public partial class TermContext
        {
            /// <summary>The product of the factors parsed so far, folded by <see cref="Syntax.ReducingParser"/> as each factor ends; null before the first factor after <c>first</c>.</summary>
            internal ExprSyntax? Syntax;
        }
    }
}

namespace Symbolic.Syntax
{
    /// <summary>
    /// The generated parser, plus one thing: the operands of the chains become syntax as soon as they
    /// are parsed and are folded into their chain, each factor into its term, each term into its sum
    /// (or handed to the sum reducer); the rule contexts under them are let go. Without this, every
    /// context of a 200,000-character sum would stay reachable until the parse ends, and the garbage
    /// collector would copy them all from generation to generation, which costs more than the parse
    /// itself; with it, they die young. It also keeps AstBuilder's recursion shallow: an operand's
    /// subtree reaches only down to the terms nested in it, which are already built.
    /// </summary>
    /// <param name="tokens">The statement's tokens.</param>
    /// <param name="sumReducer">
    /// Takes the terms of the outermost sum instead of the fold, and gives the expression's syntax when
    /// the sum ends (<c>Expr.Parse</c> binds each term there). Terms nested in brackets or calls are folded
    /// as usual: they live only as long as their enclosing term anyway.
    /// </param>
    internal sealed class ReducingParser(StatementTokenSource tokens, ISumReducer? sumReducer)
        : SymbolicParser(new StatementTokenStream(tokens))
    {
        public override void ExitRule()
        {
            var context = Context;
            base.ExitRule();
            // A context with an exception is an error being unwound (BailErrorStrategy marks the
            // whole chain), as is every context once the token source has given up; there is
            // nothing to build. A factor is always part of a term and a term of an expression,
            // which is the current context again now.
            if (context.exception is not null || tokens.Abandoned) return;
            // Every rule ends here, so the few that matter are told by their exact type (no context
            // type derives from another: the grammar has no labeled alternatives in these rules),
            // a cheaper test than a type pattern.
            var type = context.GetType();
            if (type == typeof(FactorContext))
            {
                var product = (TermContext)Context;
                product.Syntax = AstBuilder.AddFactor(product, (FactorContext)context);
            }
            else if (type == typeof(TermContext))
            {
                var term = (TermContext)context;
                var sum = (ExpressionContext)Context;
                if (sumReducer is not null && sum.Parent is SingleExpressionContext)
                    sumReducer.Add(AstBuilder.BuildTerm(term), sum.op?.Type == MINUS);
                else
                    sum.Syntax = AstBuilder.AddTerm(sum, term, AstBuilder.BuildTerm(term));
                (term.first, term.Syntax) = (null!, null);
            }
            else if (sumReducer is not null && type == typeof(ExpressionContext) && context.Parent is SingleExpressionContext)
            {
                var sum = (ExpressionContext)context;
                sum.Syntax = sumReducer.Complete(TextSpan.FromBounds(sum.Start.StartIndex, sum.Stop.StopIndex + 1));
            }
        }
    }
}
