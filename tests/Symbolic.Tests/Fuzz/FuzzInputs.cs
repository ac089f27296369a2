using System.Runtime.CompilerServices;
using System.Text;
using Symbolic.Language;

namespace Symbolic.Tests.Fuzz;

/// <summary>
/// The fuzz generators. Each case is drawn from its own <see cref="Random"/>, seeded from the run's seed, the
/// generator and the case's index, so any case can be drawn again alone. Inputs are whole REPL inputs: one or
/// more statements separated by line breaks or ';'.
/// </summary>
internal static class FuzzInputs
{
    /// <summary>The random source of case <paramref name="index"/> of <paramref name="generator"/>.</summary>
    public static Random CaseRandom(string generator, int index)
    {
        ulong h = FuzzSettings.Seed ^ 0x9E3779B97F4A7C15UL;
        foreach (char c in generator) h = Mix(h ^ c);
        h = Mix(h ^ (ulong)index);
        return new Random((int)(h ^ (h >> 32)));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // ------------------------------------------------------------------ the language's names

    private static readonly Session Reference = new(null, new Symbolic.Plotting.PlottingExtension());

    private static readonly (string Name, int Min, int Max)[] FunctionNames =
        [.. Functions.Functions.All.Select(f => (f.Name, f.MinArity, Math.Min(f.MaxArity, 6)))];

    private static readonly OperationDef[] Operations = [.. Reference.Operations.All];

    private static readonly string[] Examples =
        [.. Operations.SelectMany(o => o.Examples.Select(e => e.Input))];

    private static readonly string[] OptionNames =
        [.. Operations.SelectMany(o => o.Options.Select(p => p.Name)).Distinct().Order(StringComparer.Ordinal), "foo", "x", "file", "seed"];

    private static readonly string[] Symbols = ["x", "y", "z", "a", "b", "t", "w", "w1", "x1", "x2", "θ", "λ", "α_1", "xyz", "sinx", "f", "g", "h", "data", "r"];

    private static readonly string[] Constants = ["pi", "e", "π"];

    private static readonly string[] Commands = ["help", "h", "vars", "clear", "limits", "help sin", "help diff", "help nothing", "help minimize", "limits terms=1000", "limits timeout=0.5 digits=100", "limits degree=5, series_order = 3", "limits default", "limits bogus", "limits terms=", "limits terms=0", "nope"];

    private static readonly string[] Strings =
        ["\"\"", "\"x\"", "\"newton\"", "\"gd\"", "\"adam\"", "\"bfgs\"", "\"squared\"", "\"logistic\"", "\"data/xor.csv\"", "\"data/sentiment.csv\"",
         "\"no-such-file.csv\"", "\"/\"", "\"/dev/null\"", "\"/tmp\"", "\"y\"", "\"\\\"\"", "\"\\\\\"", "\"é\"", "\"a\\nb\""];

    private static readonly string[] HugeNumbers =
        ["1" + new string('0', 400), new string('9', 3000), "1e400", "1e-400", "1e999999", "1e-999999", "1e99999999999", "0." + new string('0', 500) + "1",
         "2^2^2^2^2", "10^10^10", "2^(10^9)", "(-8)^(1/3)", "0^0", "0^-1", "1/0", "123456789012345678901234567890.5", "1.7976931348623157e308", "4.9e-324",
         "9223372036854775808", "-9223372036854775809", "2147483648", "factorial(20)", "1e309", "N(1e309)"];

    // ------------------------------------------------------------------ random bytes

    /// <summary>Random bytes read as UTF-8 (invalid sequences become U+FFFD), or random UTF-16 units (lone
    /// surrogates included), or bytes biased towards the language's own characters.</summary>
    public static string RandomBytes(Random r)
    {
        int length = r.Next(10) == 0 ? r.Next(200, 4000) : r.Next(0, 80);
        switch (r.Next(4))
        {
            case 0:
            {
                var bytes = new byte[length];
                r.NextBytes(bytes);
                return Encoding.UTF8.GetString(bytes);
            }
            case 1:
            {
                var chars = new char[length];
                for (int i = 0; i < length; i++) chars[i] = (char)r.Next(0, 0x10000);
                return new string(chars);
            }
            default:
            {
                const string alphabet = "xyzabe0123456789.+-*/^()[],=;:#\"\\ \t\n\r_eE!@$%&|<>?{}~`'πθ∂\u0000\u00a0\u200b\u202e\ufeff\ud800\udc00";
                var sb = new StringBuilder(length);
                for (int i = 0; i < length; i++) sb.Append(alphabet[r.Next(alphabet.Length)]);
                return sb.ToString();
            }
        }
    }

    // ------------------------------------------------------------------ random tokens

    private static readonly string[] Punctuation = ["+", "-", "*", "/", "^", "**", "(", ")", "[", "]", ",", "=", ";", "\n", ":", "#", ".", "..", "'", "!", "&", "|", "<", ">", "@", "$", "\\", "{", "}", "\"", "\"unterminated", "==", "=>", "->", "~"];

    /// <summary>A sequence of the language's tokens in any order: numbers, names, strings, operators, brackets.</summary>
    public static string RandomTokens(Random r)
    {
        int count = r.Next(10) == 0 ? r.Next(40, 400) : r.Next(1, 25);
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            string token = r.Next(12) switch
            {
                0 or 1 or 2 => Pick(r, Punctuation),
                3 => SmallNumber(r),
                4 => r.Next(4) == 0 ? Pick(r, HugeNumbers) : SmallNumber(r),
                5 => Pick(r, Symbols),
                6 => Pick(r, FunctionNames).Name,
                7 => Pick(r, Operations).Name,
                8 => Pick(r, Strings),
                9 => Pick(r, Constants),
                10 => Pick(r, OptionNames),
                _ => ":" + Pick(r, Commands).Split(' ')[0],
            };
            sb.Append(token);
            if (r.Next(3) != 0) sb.Append(' ');
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ grammar-based statements

    /// <summary>One to four statements built from the grammar: calls of every function and operation with right
    /// and wrong argument counts and named options, bindings and definitions used afterwards, vectors and ragged
    /// matrices, deep nesting, huge numbers, long inputs, commands.</summary>
    public static string Statements(Random r)
    {
        int count = r.Next(1, 5);
        var lines = new List<string>();
        for (int i = 0; i < count; i++) lines.Add(Statement(r));
        return string.Join(r.Next(4) == 0 ? "; " : "\n", lines);
    }

    private static string Statement(Random r) => r.Next(20) switch
    {
        0 => $"{Pick(r, Symbols)} = {Expression(r, 3)}",
        1 => $"{Pick(r, Symbols)}({string.Join(", ", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Pick(r, Symbols)))}) = {Expression(r, 3)}",
        2 => ":" + Pick(r, Commands),
        3 => Deep(r),
        4 => Long(r),
        5 => Pick(r, Examples),
        6 => MutateText(r, Pick(r, Examples), r.Next(1, 3)),
        7 => $"{Pick(r, Symbols)} = {Pick(r, HugeNumbers)}",
        8 => $"{Pick(r, FunctionNames).Name} = 1",
        _ => Expression(r, r.Next(1, 5)),
    };

    private static string Expression(Random r, int depth)
    {
        if (depth <= 0) return Leaf(r);
        return r.Next(16) switch
        {
            0 or 1 => $"{Expression(r, depth - 1)} {Pick(r, ["+", "-", "*", "/", "^", "**"])} {Expression(r, depth - 1)}",
            2 => $"-{Expression(r, depth - 1)}",
            3 => $"({Expression(r, depth - 1)})",
            4 => $"{SmallNumber(r)}{Pick(r, Symbols)}",
            5 or 6 => FunctionCall(r, depth),
            7 or 8 or 9 => OperationCall(r, depth),
            10 => Vector(r, depth),
            11 => Matrix(r, depth),
            12 => $"{Expression(r, depth - 1)}^{Expression(r, depth - 1)}^{Expression(r, depth - 1)}",
            13 => $"{Pick(r, Symbols)}({string.Join(", ", Enumerable.Range(0, r.Next(0, 3)).Select(_ => Expression(r, depth - 1)))})",
            14 => Pick(r, Strings),
            _ => Leaf(r),
        };
    }

    private static string Leaf(Random r) => r.Next(10) switch
    {
        0 or 1 or 2 => Pick(r, Symbols),
        3 => Pick(r, Constants),
        4 => Pick(r, HugeNumbers),
        _ => SmallNumber(r),
    };

    private static string FunctionCall(Random r, int depth)
    {
        var (name, min, max) = Pick(r, FunctionNames);
        int arity = r.Next(5) == 0 ? r.Next(0, 5) : r.Next(min, max + 1);
        return $"{name}({string.Join(", ", Enumerable.Range(0, arity).Select(_ => Expression(r, depth - 1)))})";
    }

    private static string OperationCall(Random r, int depth)
    {
        var op = Pick(r, Operations);
        int min = op.MinArguments, max = Math.Min(op.MaxArguments, min + 4);
        int count = r.Next(5) == 0 ? r.Next(0, 6) : r.Next(min, Math.Max(min, max) + 1);
        var args = new List<string>();
        for (int i = 0; i < count; i++)
        {
            args.Add(r.Next(6) switch
            {
                0 => Pick(r, Symbols),
                1 => $"[{string.Join(", ", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Pick(r, Symbols)))}]",
                2 => $"[{string.Join(", ", Enumerable.Range(0, r.Next(0, 4)).Select(_ => SmallNumber(r)))}]",
                3 => SmallNumber(r),
                _ => Expression(r, depth - 1),
            });
        }
        int named = r.Next(3) == 0 ? r.Next(1, 4) : 0;
        for (int i = 0; i < named; i++)
        {
            string option = op.Options.Count > 0 && r.Next(3) != 0 ? op.Options[r.Next(op.Options.Count)].Name : Pick(r, OptionNames);
            args.Add($"{option} = {OptionValue(r, option, depth)}");
        }
        if (op.Name is "plot" or "contour" && r.Next(4) != 0)
            args.Add($"file = \"{Path.Combine(FuzzHarness.ScratchFolder, $"p{r.Next(8)}.{(r.Next(4) == 0 ? "png" : "svg")}")}\"");
        if (r.Next(8) == 0) Shuffle(r, args);
        return $"{op.Name}({string.Join(", ", args)})";
    }

    private static string OptionValue(Random r, string option, int depth) => option switch
    {
        "iterations" or "epochs" or "batch" or "seed" or "width" or "height" or "levels" => Pick(r, ["0", "1", "-1", "3", "100", "1e6", "2.5", "1e40", "\"10\"", "[1, 2]"]),
        "rate" or "tol" or "momentum" or "beta1" or "beta2" or "epsilon" or "decay" => Pick(r, ["0", "-0.1", "0.5", "1", "1e-300", "1e300", "NaN", "x", "\"fast\""]),
        "method" or "loss" or "target" => Pick(r, ["\"newton\"", "\"gd\"", "\"adam\"", "\"sgd\"", "\"nope\"", "\"\"", "\"squared\"", "\"logistic\"", "\"y\"", "\"happy\"", "1"]),
        "trace" or "damped" or "linesearch" => Pick(r, ["true", "false", "1", "0", "\"yes\"", "x"]),
        "file" => Pick(r, ["\"\"", "\"/\"", "\"no/such/folder/p.svg\"", "\"p.txt\"", "1", $"\"{FuzzHarness.ScratchFolder}\""]),
        _ => Expression(r, Math.Max(0, depth - 2)),
    };

    private static string Vector(Random r, int depth) =>
        $"[{string.Join(", ", Enumerable.Range(0, r.Next(0, 5)).Select(_ => Expression(r, depth - 1)))}]";

    private static string Matrix(Random r, int depth)
    {
        int rows = r.Next(0, 5), columns = r.Next(1, 5);
        bool ragged = r.Next(5) == 0;
        return "[" + string.Join(", ", Enumerable.Range(0, rows).Select(_ =>
            "[" + string.Join(", ", Enumerable.Range(0, ragged ? r.Next(0, 5) : columns).Select(_ => Expression(r, depth - 2))) + "]")) + "]";
    }

    // Nesting from a few levels to far past what the parser accepts.
    private static string Deep(Random r)
    {
        int n = r.Next(4) switch { 0 => r.Next(2, 50), 1 => r.Next(50, 600), 2 => r.Next(600, 5000), _ => r.Next(5000, 60000) };
        string inner = Leaf(r);
        return r.Next(8) switch
        {
            0 => string.Concat(Enumerable.Repeat("(", n)) + inner + new string(')', n),
            1 => string.Concat(Enumerable.Repeat("sin(", n)) + inner + new string(')', n),
            2 => string.Concat(Enumerable.Repeat("[", n)) + inner + new string(']', n),
            3 => string.Concat(Enumerable.Repeat("-", n)) + inner,
            4 => string.Join("^", Enumerable.Repeat(inner, Math.Min(n, 3000))),
            5 => string.Concat(Enumerable.Repeat("diff(", Math.Min(n, 400))) + "x" + string.Concat(Enumerable.Repeat(", x)", Math.Min(n, 400))),
            6 => string.Concat(Enumerable.Repeat("(", n)) + inner,
            _ => string.Concat(Enumerable.Repeat("f(", n)) + inner + new string(')', n),
        };
    }

    // Long inputs: big sums, products, vectors, names and numbers.
    private static string Long(Random r)
    {
        int n = r.Next(2) == 0 ? r.Next(100, 2000) : r.Next(2000, 20000);
        return r.Next(6) switch
        {
            0 => string.Join(" + ", Enumerable.Range(0, n).Select(i => $"{i}*x^{i % 50}")),
            1 => string.Join("*", Enumerable.Range(0, n).Select(i => Symbols[i % Symbols.Length])),
            2 => "[" + string.Join(", ", Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]",
            3 => new string('x', n),
            4 => new string('7', n) + "/" + new string('3', n / 2 + 1),
            _ => $"simplify({string.Join(" + ", Enumerable.Range(0, Math.Min(n, 400)).Select(i => $"sin(x)^{i % 7}*cos(x)^{(i * 3) % 5}"))})",
        };
    }

    // ------------------------------------------------------------------ mutations of the samples

    /// <summary>The sample scripts, their plot files moved into the scratch folder.</summary>
    public static IReadOnlyList<(string Name, string Text)> Samples { get; } = LoadSamples();

    /// <summary>A window of a sample script (sometimes all of it) with one to five mutations.</summary>
    public static string MutatedSample(Random r)
    {
        var (_, text) = Samples[r.Next(Samples.Count)];
        var lines = text.Split('\n');
        string window;
        if (r.Next(20) == 0) window = text;
        else
        {
            int start = r.Next(lines.Length), length = r.Next(1, 8);
            window = string.Join("\n", lines.Skip(start).Take(length));
        }
        return MutateText(r, window, r.Next(1, 6));
    }

    private static string MutateText(Random r, string text, int mutations)
    {
        var sb = new StringBuilder(text);
        for (int m = 0; m < mutations; m++)
        {
            int at = sb.Length == 0 ? 0 : r.Next(sb.Length + 1);
            int span = sb.Length - at == 0 ? 0 : r.Next(1, Math.Min(12, sb.Length - at) + 1);
            switch (r.Next(11))
            {
                case 0: sb.Remove(at, span); break;
                case 1: sb.Insert(at, Punctuation[r.Next(Punctuation.Length)]); break;
                case 2: sb.Insert(at, RandomTokens(r)); break;
                case 3: if (span > 0) sb.Insert(at, sb.ToString(at, span)); break;
                case 4: if (sb.Length > 0) sb[Math.Min(at, sb.Length - 1)] = "()[],=+-*/^.;#\"0x"[r.Next(17)]; break;
                case 5: sb.Insert(at, Pick(r, HugeNumbers)); break;
                case 6: sb.Insert(at, Pick(r, FunctionNames).Name + "("); break;
                case 7: sb.Length = at; break;
                case 8: sb.Insert(at, "\n"); break;
                case 9: sb.Insert(at, Deep(r)); break;
                default:
                {
                    // Swap two lines.
                    var ls = sb.ToString().Split('\n');
                    if (ls.Length > 1)
                    {
                        int i = r.Next(ls.Length), j = r.Next(ls.Length);
                        (ls[i], ls[j]) = (ls[j], ls[i]);
                        sb.Clear().Append(string.Join("\n", ls));
                    }
                    break;
                }
            }
        }
        return sb.ToString();
    }

    private static List<(string, string)> LoadSamples([CallerFilePath] string thisFile = "")
    {
        // The samples are read from the source tree (tests/Symbolic.Tests/Fuzz -> samples).
        string? folder = Path.GetDirectoryName(thisFile);
        for (int i = 0; i < 3 && folder is not null; i++) folder = Path.GetDirectoryName(folder);
        string samples = Path.Combine(folder ?? "", "samples");
        Assert.True(Directory.Exists(samples), $"the samples folder was not found at {samples}");
        return [.. Directory.GetFiles(samples, "*.sym").Order(StringComparer.Ordinal).Select(path =>
            (Path.GetFileName(path), System.Text.RegularExpressions.Regex.Replace(
                File.ReadAllText(path).Replace("\r\n", "\n"),
                "file = \"([^\"]*)\"",
                m => $"file = \"{Path.Combine(FuzzHarness.ScratchFolder, Path.GetFileName(m.Groups[1].Value))}\"")))];
    }

    // ------------------------------------------------------------------ helpers

    private static string SmallNumber(Random r) => r.Next(8) switch
    {
        0 => "0",
        1 => "1",
        2 => r.Next(2, 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => (r.NextDouble() * 10).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        4 => $"{r.Next(1, 9)}e{r.Next(-20, 20)}",
        5 => r.Next(-5, 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        6 => $"{r.Next(1, 99)}/{r.Next(0, 9)}",
        _ => r.Next(0, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static void Shuffle<T>(Random r, List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = r.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
