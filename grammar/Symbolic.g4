// The Symbolic REPL language (SPEC.md section 2). A pure grammar: no actions, no predicates;
// meaning (is `f(x)` a call or a product? is `e` the constant?) is decided after parsing.
//
// Statements. SyntaxParser splits the token stream into statements at every ';' and every newline
// (a newline always ends a statement, also inside brackets: "one statement per line"), then parses
// each statement alone with `statement`, so one bad statement never hides the others. The parser
// therefore never sees SEMI or NEWLINE. (`singleExpression` is for one expression given alone, where
// newlines are spaces.)
//
// Precedence, loosest first: + - (binary), then * / and juxtaposition (same level, left to right),
// then unary + -, then ^ (right-associative). So -x^2 is -(x^2), 2^3^2 is 2^(3^2), and an exponent
// may itself start with a sign: x^-1, x^-y^2 = x^(-(y^2)).
//
// `name(` is always a call (one CALL_OPEN token); the evaluator decides what a call of a bound name means.
//
// Juxtaposition (implicit multiplication) is a factor written right after another one without an
// operator: 2x, 3x^2y = (3*x^2)*y, 2(x+1), (x+1)(x-1), 2 sin(x), x^2 y. It binds exactly like '*'
// and associates left to right with '*' and '/', so a/2x is (a/2)*x and 1/2x is x/2 (as in SymPy's
// implicit-multiplication parser, unlike some calculators that read 1/(2x)). The juxtaposed factor
// must start with a name or '(' (never a number, a sign, a string or '['): `2 -3` is a subtraction
// and `2 3` is an error.
//
// Long chains (a+b+c+..., a*b*c*...) are loops, `first (op operand)*`, and ReducingParser folds
// each operand into its chain as the operand ends, so neither the parser nor AstBuilder recurses once
// per term or factor, and no list of operands is kept. Unary signs nest (- - x is -(-x)), like
// brackets and exponents; SyntaxParser limits all such nesting and parses deep input on a large stack.
//
// The parser builds no generic parse tree (children lists and a node per token): the labeled fields of
// the rule contexts are the tree, at a fraction of the allocations. So every part AstBuilder reads has
// a label, save the operands of the chains, which ReducingParser takes as they end. For the same
// reason no alternative carries a #label: a labeled alternative costs two contexts (the rule's, then
// the alternative's, copied from it), and the hot rules below are entered some ten times per term.
grammar Symbolic;

// ----- parser -----

statement
    : COLON name=IDENT (arguments+=.)*? EOF                                         #CommandStatement
    | name=CALL_OPEN (params+=IDENT (COMMA params+=IDENT)*)? RPAREN ASSIGN body=expression EOF  #DefinitionStatement
    | name=IDENT ASSIGN value=expression EOF                                        #BindingStatement
    | value=expression EOF                                                          #ExpressionStatement
    ;

singleExpression
    : value=expression EOF
    ;

// `op` is the sign before the term being parsed (null for the first), which is where ReducingParser
// reads it when the term ends.
expression
    : term (op=(PLUS | MINUS) term)*
    ;

term
    : first=power factor*
    ;

// A factor after the first one of a term: `* power`, `/ power`, or by juxtaposition an atom with
// maybe an exponent (unsigned, and no number, string or vector: `2 3` and `2 -3` are not products).
// An atom is a call, a name or a parenthesized expression; it is written out here and in power rather
// than being a rule of its own, which would cost a rule context for every name of the input.
factor
    : op=(STAR | SLASH) operand=power
    | (called=call | leaf=IDENT | LPAREN inner=expression RPAREN) (POW exponent=power)?
    ;

// A unary sign (the context's first token) applies to a whole power, whose exponent may itself start
// with a sign, so the signs bind looser than '^' and '^' groups to the right: -x^2 is -(x^2), x^-y^2 is
// x^(-(y^2)). A number, string or name is one label, `leaf`, told apart by its token type: every label
// is a field of every power context, and a parse of the 4,000-term sum makes some 36,000 of them.
power
    : (PLUS | MINUS) operand=power
    | (leaf=(NUMBER | STRING | IDENT) | elements=vector | called=call | LPAREN inner=expression RPAREN)
      (POW exponent=power)?
    ;

call
    : name=CALL_OPEN (args+=argument (COMMA args+=argument)*)? RPAREN
    ;

vector
    : LBRACK (elements+=expression (COMMA elements+=expression)*)? RBRACK
    ;

argument
    : (name=IDENT ASSIGN)? value=expression
    ;

// ----- lexer -----

// 12, 3.25, 2., .5, 1e-3, 2.5E+4. `2e` is NUMBER(2) IDENT(e): an exponent needs digits.
NUMBER
    : DIGIT+ ('.' DIGIT*)? EXPONENT?
    | '.' DIGIT+ EXPONENT?
    ;

// A name and the '(' right after it (spaces allowed between) open a call: `f(x)`, `sin (x)`, and
// also `x (y+1)`, which the evaluator may read as a product when x is a bound number. One token,
// so that `x (y)` is never both "x times (y)" and "call of x": without it every call's decision
// would scan its whole argument list to resolve that ambiguity, quadratic for nested calls.
CALL_OPEN
    : NAME [ \t\f\p{Zs}\uFEFF]* '('
    ;

IDENT
    : NAME
    ;

// Only \" and \\ are escapes; any other backslash is kept as written (friendly to Windows paths).
STRING
    : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '"'
    ;

// A string that reaches the end of the line without its closing quote; the parser reports it.
UNTERMINATED_STRING
    : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '\\'?
    ;

POW     : '^' | '**' ;
PLUS    : '+' ;
MINUS   : '-' ;
STAR    : '*' ;
SLASH   : '/' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
COMMA   : ',' ;
ASSIGN  : '=' ;
COLON   : ':' ;
SEMI    : ';' ;
NEWLINE : '\n' ;

COMMENT : '#' ~[\n]* -> skip ;
WS      : [ \t\r\f\p{Zs}\uFEFF]+ -> skip ;

// Anything else is one bad character; the parser reports it as "unexpected character".
ERROR_CHAR : . ;

fragment DIGIT    : [0-9] ;
// Letters of any script (Greek θ, π, ...), digits and '_', not starting with a digit.
fragment NAME     : [\p{L}_] [\p{L}\p{Nd}_]* ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
