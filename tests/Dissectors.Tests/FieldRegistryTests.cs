using System.Reflection;
using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Tests.Dissectors;

public sealed class FieldRegistryTests
{
    /// <summary>A definition outside a [FieldTable] class is invisible to filters and -G, and its id is out of range.</summary>
    [Fact]
    public void EveryStaticDefinitionLivesInAFieldTable()
    {
        var strays = new List<string>();
        foreach (var type in typeof(FieldDef).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<FieldTableAttribute>() is not null) continue;
            foreach (var member in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (member.FieldType == typeof(FieldDef) || member.FieldType == typeof(ExpertDef))
                    strays.Add($"{type.FullName}.{member.Name}");
            }
        }
        Assert.Empty(strays);
    }

    /// <summary>As in Wireshark, a filter name may be defined twice only with one type; both share a canonical id.</summary>
    [Fact]
    public void SharedNamesHaveOneTypeAndOneCanonicalId()
    {
        var byName = new Dictionary<string, FieldDef>();
        foreach (var f in FieldRegistry.All)
        {
            Assert.InRange(f.Id, 1, FieldRegistry.MaxId - 1);
            if (!byName.TryGetValue(f.Name, out var first)) { byName[f.Name] = f; continue; }
            Assert.True(first.Type == f.Type, $"{f.Name} is defined as {first.Type} and {f.Type}");
            Assert.Equal(first.CanonicalId, f.CanonicalId);
        }
    }

    [Fact]
    public void SuggestsTheClosestNames()
    {
        Assert.Contains("ip.src", FieldRegistry.Suggest("ip.scr"));
    }
}
