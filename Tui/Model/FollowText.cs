using System.Text;

namespace Sniffer.Tui.Model;

/// <summary>A line of a followed stream, and which side sent it.</summary>
public readonly record struct FollowLine(string Text, bool FromClient);

/// <summary>Renders a stream's payloads as Wireshark's Follow Stream does: ASCII (dots for non-printables) or a hex dump.</summary>
public static class FollowText
{
    public static List<FollowLine> Build(IReadOnlyList<StreamChunk> chunks, bool hex)
    {
        var lines = new List<FollowLine>();
        long clientOffset = 0, serverOffset = 0;
        foreach (var segment in chunks)
        {
            if (hex)
            {
                ref long offset = ref segment.FromClient ? ref clientOffset : ref serverOffset;
                for (int i = 0; i < segment.Data.Length; i += 16)
                {
                    var chunk = segment.Data.AsSpan(i, Math.Min(16, segment.Data.Length - i));
                    var text = new StringBuilder();
                    if (!segment.FromClient) text.Append("    ");
                    text.Append((offset + i).ToString("X8")).Append("  ");
                    for (int j = 0; j < 16; j++) text.Append(j < chunk.Length ? chunk[j].ToString("x2") + " " : "   ").Append(j == 7 ? " " : "");
                    text.Append(' ');
                    foreach (byte b in chunk) text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
                    lines.Add(new FollowLine(text.ToString(), segment.FromClient));
                }
                offset += segment.Data.Length;
            }
            else
            {
                var text = new StringBuilder();
                foreach (byte b in segment.Data)
                {
                    if (b == '\n') { lines.Add(new FollowLine(text.ToString(), segment.FromClient)); text.Clear(); }
                    else if (b == '\r') continue;
                    else text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
                }
                if (text.Length > 0) lines.Add(new FollowLine(text.ToString(), segment.FromClient));
            }
        }
        return lines;
    }
}
