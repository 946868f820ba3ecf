// Builds a large, realistic benchmark capture out of real ones: the seed captures' Ethernet frames
// are replayed over and over, each replay shifted in time and with its IPv4 addresses rewritten
// (consistently within the replay), so the result holds many distinct hosts and TCP connections
// with real handshakes, HTTP, DNS and retransmissions rather than one flow repeated.
//
// usage: bigcapture OUT.pcap MIN_PACKETS MIN_BYTES SEED.pcap[ng]...
using System.Buffers.Binary;
using Sniffer.Capture;

if (args.Length < 4)
{
    Console.Error.WriteLine("usage: bigcapture OUT.pcap MIN_PACKETS MIN_BYTES SEED...");
    return 2;
}
string output = args[0];
long minPackets = long.Parse(args[1]);
long minBytes = long.Parse(args[2]);

var seeds = new List<(long Ts, byte[] Data, int OrigLen)>();
foreach (var path in args.Skip(3))
{
    using var reader = CaptureFile.Open(path);
    long first = -1;
    while (reader.TryRead(out var info, out var data))
    {
        if (info.LinkType != LinkType.Ethernet) continue;
        if (first < 0) first = info.TimestampNs;
        seeds.Add((info.TimestampNs - first, data.ToArray(), info.OriginalLength));
    }
}
if (seeds.Count == 0) { Console.Error.WriteLine("no Ethernet frames in the seeds"); return 1; }

using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
Span<byte> header = stackalloc byte[24];
BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262144);
BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
file.Write(header);

long packets = 0, bytes = 24, clock = 1_700_000_000L * 1_000_000_000;
var record = new byte[16 + 262144];
for (int replay = 0; packets < minPackets || bytes < minBytes; replay++)
{
    long last = 0;
    foreach (var (ts, data, origLen) in seeds)
    {
        data.CopyTo(record, 16);
        Rewrite(record.AsSpan(16, data.Length), replay);
        long at = clock + ts;
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(at / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(at % 1_000_000_000 / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)origLen);
        file.Write(record, 0, 16 + data.Length);
        packets++;
        bytes += 16 + data.Length;
        last = ts;
    }
    clock += last + 1_000_000; // the next replay starts a millisecond after this one ends
}
Console.WriteLine($"{output}: {packets} packets, {bytes} bytes");
return 0;

// Moves every IPv4 address of a replay into its own range: 10.R.x.y keeps flows distinct per replay.
static void Rewrite(Span<byte> frame, int replay)
{
    int offset = 12;
    ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
    while (type is 0x8100 or 0x88a8 && frame.Length >= offset + 6)
    {
        offset += 4;
        type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
    }
    offset += 2;
    if (type != 0x0800 || frame.Length < offset + 20) return;
    byte hi = (byte)(10 + (replay >> 8) % 200), mid = (byte)replay;
    foreach (int at in new[] { offset + 12, offset + 16 })
    {
        frame[at] = hi;
        frame[at + 1] = mid;
    }
}
