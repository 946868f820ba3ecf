using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>Offsets stay exact past 4 GiB, and memory stays flat however long the capture runs.</summary>
public sealed class LargeFileTests
{
    [Fact]
    public void OffsetsPastFourGibibytesAreExactAndMemoryStaysFlat()
    {
        const int payload = 262_144;
        const long recordLength = 16 + payload;
        const int packets = 16_500;                                  // 16_500 * 262_160 bytes ≈ 4.33 GB
        var stream = new RepeatingPcapStream(packets, payload);

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using var reader = CaptureFile.OpenStream(stream, "endless.pcap");
        long count = 0;
        FrameInfo last = default;
        while (reader.TryRead(out var info, out var data))
        {
            count++;
            last = info;
            if (data[^1] != unchecked((byte)(payload - 1))) Assert.Fail($"packet {count} has the wrong bytes");
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Null(reader.Error);
        Assert.Equal(packets, count);
        Assert.Equal(24 + (packets - 1) * recordLength, last.FileOffset);
        Assert.True(last.FileOffset > uint.MaxValue);
        Assert.True(allocated < 4 * 1024 * 1024, $"reading 4.3 GB allocated {allocated} bytes");
    }

    /// <summary>Generates a pcap of identical maximum-size packets on the fly, so no 4 GB file is needed.</summary>
    private sealed class RepeatingPcapStream : Stream
    {
        private readonly byte[] _header;
        private readonly byte[] _record;
        private readonly long _length;
        private long _position;

        public RepeatingPcapStream(int packets, int payload)
        {
            _header = new PcapBuilder(snapLength: (uint)payload).ToArray();
            _record = new PcapBuilder().Packet(1, 2, PcapBuilder.Payload(payload)).ToArray()[24..];
            _length = _header.Length + (long)packets * _record.Length;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (count > 0 && _position < _length)
            {
                ReadOnlySpan<byte> source = _position < _header.Length
                    ? _header.AsSpan((int)_position)
                    : _record.AsSpan((int)((_position - _header.Length) % _record.Length));
                int n = (int)Math.Min(Math.Min(count, source.Length), _length - _position);
                source[..n].CopyTo(buffer.AsSpan(offset, n));
                offset += n;
                count -= n;
                total += n;
                _position += n;
            }
            return total;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
