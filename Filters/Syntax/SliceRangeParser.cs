using System.Globalization;
using Sniffer.Filters.Ast;

namespace Sniffer.Filters.Syntax;

/// <summary>Parses the inside of [...]: "0:4", "1-3", ":4", "-1", "4:", and comma-joined lists of them.</summary>
internal static class SliceRangeParser
{
    /// <param name="body">Text between the brackets.</param>
    /// <param name="bodyPosition">Where that text starts in the filter, for error positions.</param>
    public static List<SliceRange> Parse(string body, int bodyPosition)
    {
        var ranges = new List<SliceRange>();
        int pieceStart = 0;
        while (true)
        {
            int comma = body.IndexOf(',', pieceStart);
            int pieceEnd = comma < 0 ? body.Length : comma;
            ranges.Add(ParsePiece(body, pieceStart, pieceEnd, bodyPosition));
            if (comma < 0) return ranges;
            pieceStart = comma + 1;
        }
    }

    private static SliceRange ParsePiece(string body, int start, int end, int bodyPosition)
    {
        while (start < end && body[start] == ' ') start++;
        while (end > start && body[end - 1] == ' ') end--;
        if (start == end) throw new FilterException("Empty slice range.", bodyPosition + start, 0);

        int colon = body.IndexOf(':', start, end - start);
        if (colon >= 0)
        {
            int from = colon == start ? 0 : Number(body, start, colon, bodyPosition);
            if (colon + 1 == end) return new SliceRange(from, 0, SliceRangeKind.ToEnd);
            int length = Number(body, colon + 1, end, bodyPosition);
            if (length < 0) throw new FilterException($"\"{body[(colon + 1)..end]}\" is not a valid slice length.", bodyPosition + colon + 1, end - colon - 1);
            return new SliceRange(from, length, SliceRangeKind.Length);
        }
        // A '-' after the first character separates start and end; a leading one is a sign.
        int dash = end - start > 1 ? body.IndexOf('-', start + 1, end - start - 1) : -1;
        if (dash >= 0)
            return new SliceRange(Number(body, start, dash, bodyPosition), Number(body, dash + 1, end, bodyPosition), SliceRangeKind.End);
        return new SliceRange(Number(body, start, end, bodyPosition), 1, SliceRangeKind.Length);
    }

    private static int Number(string body, int start, int end, int bodyPosition)
    {
        string text = body[start..end].Trim();
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            throw new FilterException($"\"{text}\" is not a valid number.", bodyPosition + start, end - start);
        return value;
    }
}
