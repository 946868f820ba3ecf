using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>Labels longer than Wireshark's ITEM_LABEL_LENGTH are cut as proto.c's label_mark_truncated cuts them.</summary>
public class LabelLimitTests
{
    [Fact]
    public void A_short_label_is_kept()
    {
        string label = "Cookie: " + new string('c', 229);
        Assert.Equal(label, FieldFormatter.LimitLabel(label, 0));
    }

    [Fact]
    public void A_dissector_s_own_text_gets_the_mark_first_and_keeps_238_bytes()
    {
        string label = "Cookie: " + new string('c', 400);
        string cut = FieldFormatter.LimitLabel(label, 0);
        Assert.StartsWith(" [truncated]Cookie: ccc", cut);
        Assert.Equal(238, cut.Length);
    }

    [Fact]
    public void A_field_s_label_gets_the_mark_after_its_name()
    {
        string cut = FieldFormatter.LimitLabel("Request URI: /" + new string('x', 300), "Request URI".Length);
        Assert.StartsWith("Request URI [truncated]: /xxx", cut);
        Assert.Equal(238, cut.Length);
    }

    [Fact]
    public void The_cut_never_splits_a_utf8_character()
    {
        string cut = FieldFormatter.LimitLabel(new string('é', 200), 0);
        Assert.DoesNotContain('\uFFFD', cut);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(cut) <= 238);
    }
}
