using System.Buffers.Binary;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Storage;

/// <summary>Reassembled PDUs kept for revisits in a <see cref="SpillFile"/>, each behind its length.</summary>
public sealed class SpilledPduData : IPduDataStore, IDisposable
{
    private readonly SpillFile _file;

    public SpilledPduData(string? directory = null) => _file = new SpillFile(directory);

    /// <summary>Bytes written to disk so far.</summary>
    public long Bytes => _file.Length;

    public long Save(ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, data.Length);
        long handle = _file.Append(length);
        _file.Append(data);
        return handle;
    }

    public byte[] Load(long handle)
    {
        Span<byte> length = stackalloc byte[4];
        _file.Read(handle, length);
        // Not zeroed first: the read fills every byte, and a PDU can be megabytes.
        var data = GC.AllocateUninitializedArray<byte>(BinaryPrimitives.ReadInt32LittleEndian(length));
        _file.Read(handle + 4, data);
        return data;
    }

    public void Dispose() => _file.Dispose();
}
