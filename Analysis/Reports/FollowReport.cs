using System.Text;

namespace Sniffer.Analysis.Reports;

public enum FollowMode { Ascii, Hex, Raw }

/// <summary>Renders -z follow,tcp,MODE,... exactly as tshark 4.0 prints it (ui/cli/tap-follow.c).</summary>
public sealed class FollowReport(FollowModel model, FollowMode mode, string filter)
{
    private const string Rule = "===================================================================";

    /// <summary>The "Filter:" line tshark shows for a stream index.</summary>
    public static string StreamFilter(uint index) => $"tcp.stream eq {index}";

    /// <summary>The "Filter:" line tshark shows for two endpoints.</summary>
    public static string EndpointFilter(string addressA, int portA, string addressB, int portB)
    {
        string ip = addressA.Contains(':') ? "ipv6" : "ip";
        return $"(({ip}.src eq {addressA} and tcp.srcport eq {portA}) and ({ip}.dst eq {addressB} and tcp.dstport eq {portB})) or " +
               $"(({ip}.src eq {addressB} and tcp.srcport eq {portB}) and ({ip}.dst eq {addressA} and tcp.dstport eq {portA}))";
    }

    public void Render(TextWriter w)
    {
        w.Write('\n');
        w.Write(Rule + "\n");
        w.Write($"Follow: tcp,{ModeName(mode)}\n");
        w.Write($"Filter: {filter}\n");
        w.Write($"Node 0: {Node(model.Node0)}\n");
        w.Write($"Node 1: {Node(model.Node1)}\n");
        long offset0 = 0, offset1 = 0;
        foreach (var chunk in model.Chunks)
        {
            string indent = chunk.FromNode0 ? "" : "\t";
            switch (mode)
            {
                case FollowMode.Ascii:
                    w.Write($"{indent}{chunk.Data.Length}\n");
                    w.Write(Ascii(chunk.Data));
                    w.Write('\n');
                    break;
                case FollowMode.Hex:
                    ref long offset = ref chunk.FromNode0 ? ref offset0 : ref offset1;
                    WriteHex(w, indent, chunk.Data, offset);
                    offset += chunk.Data.Length;
                    break;
                case FollowMode.Raw:
                    w.Write(indent);
                    w.Write(Convert.ToHexStringLower(chunk.Data));
                    w.Write('\n');
                    break;
            }
        }
        w.Write(Rule + "\n");
    }

    private static string ModeName(FollowMode m) => m switch { FollowMode.Hex => "hex", FollowMode.Raw => "raw", _ => "ascii" };

    private static string Node((string Address, ushort Port) n) =>
        n.Address.Contains(':') ? $"[{n.Address}]:{n.Port}" : $"{n.Address}:{n.Port}";

    private static string Ascii(byte[] data)
    {
        var chars = new char[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            byte b = data[i];
            chars[i] = b is >= 0x20 and < 0x7f or (byte)'\n' or (byte)'\r' ? (char)b : '.'; // tshark shows a tab as '.'
        }
        return new string(chars);
    }

    /// <summary>16 bytes a line: "%08X  xx xx .. xx  xx .. xx  ascii(8) ascii(8)", offsets counting per direction.</summary>
    private static void WriteHex(TextWriter w, string indent, byte[] data, long start)
    {
        var line = new StringBuilder(80);
        for (int at = 0; at < data.Length; at += 16)
        {
            int n = Math.Min(16, data.Length - at);
            line.Clear().Append(indent).Append((start + at).ToString("X8")).Append("  ");
            for (int i = 0; i < 16; i++)
            {
                if (i < n) line.Append(data[at + i].ToString("x2")).Append(' ');
                else line.Append("   ");
                if (i == 7) line.Append(' ');
            }
            line.Append(' ');
            for (int i = 0; i < n; i++)
            {
                if (i == 8) line.Append(' ');
                byte b = data[at + i];
                line.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }
            // Observed in tshark 4.0: a full line whose 16th byte shows as a space loses that one space.
            if (n == 16 && line[^1] == ' ') line.Length--;
            w.Write(line.Append('\n').ToString());
        }
    }
}
