using System.Collections;
using System.Text;

namespace Symbolic.Plotting;

/// <summary>The inline image protocols of terminals.</summary>
public enum TerminalImageProtocol
{
    /// <summary>The terminal shows no images.</summary>
    None,

    /// <summary>kitty's graphics protocol (kitty, Ghostty, WezTerm).</summary>
    Kitty,

    /// <summary>iTerm2's inline images (iTerm2, WezTerm).</summary>
    ITerm2,
}

/// <summary>
/// Shows a PNG inline in a terminal that can (kitty or iTerm2 protocol), detected from the environment:
/// <c>TERM</c> (<c>xterm-kitty</c>, <c>xterm-ghostty</c>), <c>TERM_PROGRAM</c> (<c>iTerm.app</c>, <c>WezTerm</c>,
/// <c>ghostty</c>), <c>LC_TERMINAL</c> (<c>iTerm2</c>, which survives ssh). Never inside tmux or screen (they
/// would need pass-through), with <c>TERM=dumb</c>, or when output is redirected.
/// </summary>
public static class TerminalImages
{
    /// <summary>The protocol the terminal described by <paramref name="environment"/> speaks.</summary>
    public static TerminalImageProtocol Detect(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string Get(string name) => environment[name] as string ?? "";
        string term = Get("TERM"), program = Get("TERM_PROGRAM");
        if (term == "dumb" || Get("TMUX").Length > 0 || term.StartsWith("screen", StringComparison.Ordinal) || term.StartsWith("tmux", StringComparison.Ordinal))
            return TerminalImageProtocol.None;
        if (term.Contains("kitty", StringComparison.Ordinal) || term.Contains("ghostty", StringComparison.Ordinal)
            || program.Equals("ghostty", StringComparison.OrdinalIgnoreCase) || Get("KITTY_WINDOW_ID").Length > 0)
            return TerminalImageProtocol.Kitty;
        if (program is "iTerm.app" or "WezTerm" || Get("LC_TERMINAL") == "iTerm2")
            return TerminalImageProtocol.ITerm2;
        return TerminalImageProtocol.None;
    }

    /// <summary>The escape sequence that shows <paramref name="png"/> in <paramref name="protocol"/>, then a line break.</summary>
    public static string Sequence(TerminalImageProtocol protocol, byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        string data = Convert.ToBase64String(png);
        var text = new StringBuilder();
        switch (protocol)
        {
            case TerminalImageProtocol.Kitty:
                // Transmit and display a PNG (f=100) in chunks of at most 4096 base64 bytes; m=1 means more follow.
                for (int at = 0; at < data.Length; at += 4096)
                {
                    string chunk = data.Substring(at, Math.Min(4096, data.Length - at));
                    bool more = at + 4096 < data.Length;
                    text.Append("\u001b_G");
                    if (at == 0) text.Append("a=T,f=100,");
                    text.Append(more ? "m=1" : "m=0").Append(';').Append(chunk).Append("\u001b\\");
                }
                break;
            case TerminalImageProtocol.ITerm2:
                text.Append("\u001b]1337;File=inline=1;preserveAspectRatio=1;size=").Append(png.Length).Append(':').Append(data).Append('\u0007');
                break;
            default:
                return "";
        }
        return text.Append('\n').ToString();
    }

    /// <summary>
    /// A <see cref="PlottingExtension.ShowImage"/> that writes images to <paramref name="output"/> when the current
    /// terminal shows them inline and output goes to it; null otherwise.
    /// </summary>
    public static Action<byte[]>? ForTerminal(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Console.IsOutputRedirected) return null;
        var protocol = Detect(Environment.GetEnvironmentVariables());
        if (protocol == TerminalImageProtocol.None) return null;
        return png =>
        {
            output.Write(Sequence(protocol, png));
            output.Flush();
        };
    }
}
