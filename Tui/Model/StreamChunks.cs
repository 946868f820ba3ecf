using Sniffer.Analysis.Tcp;

namespace Sniffer.Tui.Model;

/// <summary>A run of bytes one side sent, in stream order.</summary>
public sealed record StreamChunk(bool FromClient, byte[] Data, int FrameIndex);

/// <summary>
/// The conversation's data as follow-stream shows it. TCP goes through Analysis/Tcp's
/// StreamReassembler (in sequence order, retransmitted and overlapping bytes once, gaps reported);
/// UDP datagrams are shown one by one.
/// </summary>
public static class StreamChunks
{
    public static List<StreamChunk> Build(StreamTranscript transcript)
    {
        var chunks = new List<StreamChunk>();
        if (!transcript.IsTcp)
        {
            foreach (var s in transcript.Segments)
                if (s.Payload.Length > 0) chunks.Add(new StreamChunk(s.FromClient, s.Payload, s.FrameIndex));
            return chunks;
        }
        var collector = new Collector(chunks);
        var reassembler = new StreamReassembler(collector);
        // "A" is the client here; sequence numbers are relative, which the reassembler handles alike.
        foreach (var s in transcript.Segments)
            reassembler.Add(s.FromClient, (uint)s.FrameIndex, s.TimestampNs, s.RelativeSeq, s.TcpFlags, s.Payload);
        return chunks;
    }

    private sealed class Collector(List<StreamChunk> chunks) : IStreamConsumer
    {
        public void OnData(bool fromA, uint frame, long timeNs, ReadOnlySpan<byte> data) =>
            chunks.Add(new StreamChunk(fromA, data.ToArray(), (int)frame));
    }
}
