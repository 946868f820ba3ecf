namespace Sniffer.Capture;

/// <summary>
/// libpcap says "syntax error" without a position. We find one by compiling ever longer prefixes
/// (by word): the first word after the longest prefix that still compiles is where it goes wrong.
/// Only used for syntax errors; a message that names the culprit ("unknown host 'x'") already says where.
/// </summary>
internal static class BpfErrorLocator
{
    public static int? Locate(string expression, int linkType, int snapLength, string libpcapMessage)
    {
        if (!libpcapMessage.Contains("syntax error", StringComparison.Ordinal)) return null;

        var wordStarts = new List<int>();
        for (int i = 0; i < expression.Length; i++)
            if (!char.IsWhiteSpace(expression[i]) && (i == 0 || char.IsWhiteSpace(expression[i - 1])))
                wordStarts.Add(i);
        if (wordStarts.Count == 0) return null;

        int lastGood = -1;
        for (int words = 1; words <= wordStarts.Count; words++)
        {
            int end = words < wordStarts.Count ? wordStarts[words] : expression.Length;
            using var program = CompiledBpf.TryCompile(expression[..end], linkType, snapLength, out _);
            if (program != null) lastGood = words;
        }
        // The whole expression never compiles here; the word after the last good prefix is the suspect.
        int suspect = lastGood < 0 ? 0 : lastGood;
        return suspect < wordStarts.Count ? wordStarts[suspect] : expression.Length;
    }
}
