using System.Globalization;
using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Rendering;

/// <summary>
/// The default one-line-per-packet output, padded the way tshark pads its default columns:
/// number and time right-aligned, source right-aligned to 12, destination left-aligned to 12, then
/// protocol, length and info separated by single spaces.
/// </summary>
public sealed class SummaryLineRenderer(TextWriter output, string timeFormat)
{
    public void Render(ReadOnlySpan<byte> frame, in PacketContext ctx)
    {
        Span<char> buf = stackalloc char[32];
        PadLeft(ctx.FrameNumber.ToString(CultureInfo.InvariantCulture), 5);
        output.Write(' ');
        PadLeft(Time(ctx), 10);
        output.Write(' ');
        string src = SummaryColumns.Source(frame, ctx);
        string dst = SummaryColumns.Destination(frame, ctx);
        PadLeft(src, 12);
        output.Write(" → ");
        output.Write(dst);
        for (int i = dst.Length; i < 12; i++) output.Write(' ');
        output.Write(' ');
        output.Write(ctx.Protocol);
        output.Write(' ');
        ctx.Frame.OriginalLength.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        output.Write(buf[..n]);
        output.Write(' ');
        if (ctx.Info is not null) output.Write(ctx.Info.Span);
        output.Write('\n');
    }

    public string Time(in PacketContext ctx)
    {
        long ns = timeFormat switch
        {
            "d" => ctx.Frame.TimestampNs - ctx.PreviousTimestampNs,
            "e" => ctx.Frame.TimestampNs,
            _ => ctx.Frame.TimestampNs - ctx.FirstTimestampNs,
        };
        if (timeFormat == "a" || timeFormat == "ad")
        {
            var t = DateTime.UnixEpoch.AddTicks(ctx.Frame.TimestampNs / 100);
            return timeFormat == "a" ? t.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        }
        long micros = (long)Math.Round(ns / 1000.0, MidpointRounding.AwayFromZero);
        string sign = micros < 0 ? "-" : "";
        micros = Math.Abs(micros);
        return $"{sign}{micros / 1_000_000}.{micros % 1_000_000:D6}";
    }

    private void PadLeft(string text, int width)
    {
        for (int i = text.Length; i < width; i++) output.Write(' ');
        output.Write(text);
    }
}
