using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sniffer.Dissectors.Core;

/// <summary>
/// One direction of a TCP connection as the application dissectors see it: the start of a PDU
/// that did not end in its segment, waiting for the segments that complete it (Wireshark's
/// multisegment PDU). Owned by the analysis layer (one per direction, see
/// <see cref="IPacketAnalyzer.PduStream"/>); <see cref="Transport.TcpStreamGlue"/> drives it.
/// It changes only the first time a frame is seen, and remembers per frame what it delivered so
/// that a revisit hands the application dissector the same bytes.
/// </summary>
public sealed class PduStream
{
    /// <summary>Largest PDU kept for reassembly; beyond it the data is shown as it comes.</summary>
    public const int MaxPduBytes = 32 << 20;

    private byte[] _pending = Array.Empty<byte>();

    // What each non-Direct frame got on its first visit, in frame order: the frame number, and the
    // handle of its reassembled bytes in the store (or -1 for a Part). 12 bytes a frame in memory.
    private uint[] _deliveryFrames = Array.Empty<uint>();
    private long[] _deliveryHandles = Array.Empty<long>();
    private int _deliveries;

    /// <summary>Bytes of the incomplete PDU gathered so far.</summary>
    public int PendingLength { get; private set; }
    /// <summary>Sequence number the next in-order segment must start with to continue the PDU.</summary>
    public uint NextSeq { get; private set; }
    /// <summary>Total bytes the PDU needs, or -1 when the dissector could not tell (one more segment).</summary>
    public int Needed { get; private set; }
    /// <summary>PDUs given up because they would have grown past <see cref="MaxPduBytes"/> (reported to the user).</summary>
    public long OversizedPdus { get; private set; }

    /// <summary>What a frame's segment amounted to for the application layer.</summary>
    public enum DeliveryKind : byte
    {
        /// <summary>The segment's own payload went to the application dissector.</summary>
        Direct,
        /// <summary>The segment only extended an incomplete PDU: nothing to dissect in this frame.</summary>
        Part,
        /// <summary>The segment completed a PDU: reassembled bytes went to the dissector.</summary>
        Reassembled,
    }

    public readonly record struct Delivery(DeliveryKind Kind, byte[]? Data);

    /// <summary>
    /// What the first visit of <paramref name="frame"/> delivered; false when the frame is new.
    /// Direct deliveries are not stored (most segments): a known frame without an entry was Direct.
    /// </summary>
    public bool TryGetDelivery(uint frame, out Delivery delivery)
    {
        delivery = new Delivery(DeliveryKind.Direct, null);
        int index = Array.BinarySearch(_deliveryFrames, 0, _deliveries, frame);
        if (index >= 0)
        {
            long handle = _deliveryHandles[index];
            delivery = handle < 0 ? new Delivery(DeliveryKind.Part, null) : new Delivery(DeliveryKind.Reassembled, Store!.Load(handle));
            return true;
        }
        return frame <= _lastFrame && _lastFrame != 0;
    }

    /// <summary>Records what the first visit of <paramref name="frame"/> delivered (the bytes, for a reassembled PDU).</summary>
    public void Remember(uint frame, DeliveryKind kind, ReadOnlySpan<byte> reassembled = default)
    {
        if (frame > _lastFrame) _lastFrame = frame;
        if (Store is null || kind == DeliveryKind.Direct) return;
        if (_deliveries > 0 && _deliveryFrames[_deliveries - 1] >= frame) return; // one delivery per frame, the first
        if (_deliveries == _deliveryFrames.Length)
        {
            int size = Math.Max(4, _deliveries * 2);
            Array.Resize(ref _deliveryFrames, size);
            Array.Resize(ref _deliveryHandles, size);
        }
        _deliveryFrames[_deliveries] = frame;
        _deliveryHandles[_deliveries] = kind == DeliveryKind.Reassembled ? Store.Save(reassembled) : -1;
        _deliveries++;
    }

    /// <summary>Where deliveries are kept for revisits (the TUI, tshark -2); null in a single pass, which keeps none.</summary>
    public IPduDataStore? Store { get; init; }

    /// <summary>True when some frame's delivery is kept (the stream must not be forgotten then).</summary>
    public bool HasRememberedFrames => _deliveries > 0;

    private uint _lastFrame;

    /// <summary>The pending PDU's bytes; only when not <see cref="IsSparse"/> (else see <see cref="Complete"/>).</summary>
    public ReadOnlySpan<byte> Pending => _pending.AsSpan(0, PendingLength);

    // Sparse PDU: bytes at and past _opaqueFrom are counted in PendingLength but not kept (-1: all kept).
    private int _opaqueFrom = -1;

    /// <summary>Bytes of this direction counted but not copied because they were opaque (for tests and diagnostics).</summary>
    public long OpaqueBytesSkipped { get; private set; }

    /// <summary>True while the pending PDU keeps only its first bytes: the rest were opaque and nobody reads them.</summary>
    public bool IsSparse => _opaqueFrom >= 0 && PendingLength > _opaqueFrom;

    // One scratch per thread to lay out a completed sparse PDU: its kept start, unread bytes, its last segment.
    [ThreadStatic] private static byte[]? s_sparseScratch;

    /// <summary>
    /// The completed PDU as one span: all of <see cref="Pending"/> when every byte was kept; for a sparse PDU,
    /// its kept start and <paramref name="lastSegment"/> (which holds every byte past the PDU's end) in place,
    /// with the opaque bytes between them left unspecified.
    /// </summary>
    public ReadOnlySpan<byte> Complete(ReadOnlySpan<byte> lastSegment)
    {
        if (!IsSparse) return Pending;
        var scratch = s_sparseScratch;
        if (scratch is null || scratch.Length < PendingLength)
            s_sparseScratch = scratch = GC.AllocateUninitializedArray<byte>(Math.Max(PendingLength, Math.Min(MaxPduBytes, (scratch?.Length ?? 0) * 2)));
        _pending.AsSpan(0, _opaqueFrom).CopyTo(scratch);
        lastSegment.CopyTo(scratch.AsSpan(PendingLength - lastSegment.Length));
        return scratch.AsSpan(0, PendingLength);
    }

    /// <summary>Largest pending buffer an idle direction keeps: thousands of directions each holding the
    /// buffer of their biggest PDU so far would make memory grow with the capture.</summary>
    private const int IdleBufferBytes = 256;

    public void Reset()
    {
        PendingLength = 0;
        Needed = 0;
        _opaqueFrom = -1;
        if (_pending.Length > IdleBufferBytes) ReleaseBuffer();
    }

    // The shared pool keeps up to a few dozen arrays of each size per core for the life of the process:
    // for multi-megabyte PDUs that would be hundreds of megabytes held for nothing, so those are left to the GC.
    private const int MaxPooledBytes = 1 << 20;

    // Pending buffers come from the shared pool: PDUs start and end all the time, and a fresh array for
    // each would be most of what the single pass allocates.
    private void ReleaseBuffer()
    {
        if (_pending.Length is > 0 and <= MaxPooledBytes) ArrayPool<byte>.Shared.Return(_pending);
        _pending = Array.Empty<byte>();
    }

    /// <summary>Appends an in-order segment to the pending PDU; false when that would exceed <see cref="MaxPduBytes"/>.</summary>
    public bool Append(ReadOnlySpan<byte> segment, uint seq)
    {
        if (PendingLength + segment.Length > MaxPduBytes) { OversizedPdus++; Reset(); return false; }
        int kept = _opaqueFrom < 0 ? segment.Length : Math.Clamp(_opaqueFrom - PendingLength, 0, segment.Length);
        if (kept > 0)
        {
            Ensure(PendingLength + kept);
            segment[..kept].CopyTo(_pending.AsSpan(PendingLength));
        }
        PendingLength += segment.Length;
        OpaqueBytesSkipped += segment.Length - kept;
        NextSeq = seq + (uint)segment.Length;
        return true;
    }

    /// <summary>Keeps <paramref name="rest"/> (the start of an incomplete PDU) and how much more it needs.</summary>
    /// <param name="opaqueFrom">
    /// When &gt;= 0 (and more bytes are needed): bytes of the PDU from this offset on are counted, not kept,
    /// because nobody reads them (<see cref="DesegmentRequest.OpaqueFrom"/>).
    /// </param>
    public void Keep(ReadOnlySpan<byte> rest, int moreBytes, uint nextSeq, int opaqueFrom = -1)
    {
        if (rest.Length > MaxPduBytes) { OversizedPdus++; Reset(); return; }
        _opaqueFrom = moreBytes > 0 ? opaqueFrom : -1;
        if (_opaqueFrom >= 0 && rest.Length > _opaqueFrom)
        {
            // The part past the opaque mark is counted only; the kept start must not be moved over by it.
            KeepFront(rest[.._opaqueFrom]);
            PendingLength = rest.Length;
            Needed = rest.Length + moreBytes;
            NextSeq = nextSeq;
            return;
        }
        KeepFront(rest);
        PendingLength = rest.Length;
        Needed = moreBytes > 0 ? rest.Length + moreBytes : -1;
        NextSeq = nextSeq;
    }

    private void KeepFront(ReadOnlySpan<byte> rest)
    {
        // rest may lie inside the pending buffer itself (in-place reassembly): then it is no longer than the
        // buffer, Ensure keeps the buffer, and CopyTo moves overlapping bytes correctly (memmove).
        if (!rest.Overlaps(_pending)) Ensure(rest.Length);
        bool alreadyAtFront = Unsafe.AreSame(in MemoryMarshal.GetReference(rest), in MemoryMarshal.GetArrayDataReference(_pending));
        if (!alreadyAtFront) rest.CopyTo(_pending);
    }

    private void Ensure(int size)
    {
        if (size <= _pending.Length) return;
        int length = Math.Min(MaxPduBytes, Math.Max(size, Math.Max(IdleBufferBytes, _pending.Length * 2)));
        var larger = length <= MaxPooledBytes ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
        _pending.AsSpan(0, Math.Min(PendingLength, _pending.Length)).CopyTo(larger);
        ReleaseBuffer();
        _pending = larger;
    }
}
