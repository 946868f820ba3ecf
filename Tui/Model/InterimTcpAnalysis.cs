namespace Sniffer.Tui.Model;

/// <summary>
/// A deliberately small stand-in for Analysis/Tcp until it lands on main: flags a segment as a
/// retransmission when its data lies entirely below the highest sequence already seen in that direction.
/// </summary>
internal static class InterimTcpAnalysis
{
    public static bool Observe(Conversation conversation, in TransportPeek segment, bool fromA)
    {
        uint length = (uint)segment.PayloadLength;
        if (segment.Has(Sniffer.Dissectors.Core.TcpSegment.Syn)) length++;
        if (segment.Has(Sniffer.Dissectors.Core.TcpSegment.Fin)) length++;
        if (segment.Has(Sniffer.Dissectors.Core.TcpSegment.Syn) && !segment.Has(Sniffer.Dissectors.Core.TcpSegment.AckFlag))
            conversation.ClientIsA = fromA;
        uint end = segment.Seq + length;
        ref uint next = ref fromA ? ref conversation.NextSeqA : ref conversation.NextSeqB;
        ref bool seen = ref fromA ? ref conversation.SeenSeqA : ref conversation.SeenSeqB;
        bool retransmission = seen && length > 0 && (int)(end - next) <= 0 && !segment.Has(Sniffer.Dissectors.Core.TcpSegment.Rst);
        if (!seen || (int)(end - next) > 0) next = end;
        seen = true;
        return retransmission;
    }
}
