namespace Sniffer.Fuzz;

/// <summary>
/// A real frame to mutate, with where each protocol layer starts in it (first occurrence) and the
/// length fields that cover later bytes, found by dissecting it once.
/// </summary>
public sealed record SeedFrame(string Source, int LinkType, byte[] Data, string Protocols,
    IReadOnlyDictionary<string, int> LayerOffsets, IReadOnlyList<LengthField> Lengths)
{
    public bool Has(string layer) => LayerOffsets.ContainsKey(layer);

    public int OffsetOf(string layer) => LayerOffsets.TryGetValue(layer, out int at) ? at : 0;
}
