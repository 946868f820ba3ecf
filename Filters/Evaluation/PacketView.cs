using Sniffer.Dissectors.Tree;

namespace Sniffer.Filters.Evaluation;

/// <summary>What a filter sees of one packet: the wanted field values, the frame bytes if the caller gave them, scratch memory.</summary>
internal readonly ref struct PacketView
{
    public PacketView(FieldValueSet values, ReadOnlySpan<byte> frame, EvalScratch scratch)
    {
        Values = values;
        Frame = frame;
        Scratch = scratch;
    }

    public FieldValueSet Values { get; }
    public ReadOnlySpan<byte> Frame { get; }
    public EvalScratch Scratch { get; }

    public ReadOnlySpan<byte> Bytes(in Value v)
    {
        if (v.Array is not null) return v.Array.AsSpan(v.Start, v.Length);
        if (v.Entry >= 0) return Values.Bytes(v.Entry).Slice(v.Start, v.Length);
        if (v.Entry == Value.FrameEntry) return Frame.Slice(v.Start, v.Length);
        return default;
    }
}
