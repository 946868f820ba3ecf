namespace Sniffer.Dissectors.Dns;

/// <summary>
/// RR type names as tshark 4.0 prints them: the short mnemonic for the Info column and the
/// "type X" part of a record's label, the long description for the Type field.
/// </summary>
public static class DnsTypes
{
    public const ushort A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, HINFO = 13, MX = 15, TXT = 16, AAAA = 28,
        SRV = 33, OPT = 41, DS = 43, SSHFP = 44, RRSIG = 46, NSEC = 47, DNSKEY = 48, SVCB = 64, HTTPS = 65, SPF = 99, IXFR = 251, AXFR = 252, CAA = 257;

    private static readonly (ushort Value, string Short, string Long)[] s_table =
    [
        (0, "Unused", "Unused"),
        (1, "A", "A (Host Address)"),
        (2, "NS", "NS (authoritative Name Server)"),
        (3, "MD", "MD (Mail Destination)"),
        (4, "MF", "MF (Mail Forwarder)"),
        (5, "CNAME", "CNAME (Canonical NAME for an alias)"),
        (6, "SOA", "SOA (Start Of a zone of Authority)"),
        (7, "MB", "MB (MailBox domain name)"),
        (8, "MG", "MG (Mail Group member)"),
        (9, "MR", "MR (Mail Rename domain)"),
        (10, "NULL", "NULL RR"),
        (11, "WKS", "WKS (Well Known Service)"),
        (12, "PTR", "PTR (domain name PoinTeR)"),
        (13, "HINFO", "HINFO (host information)"),
        (14, "MINFO", "MINFO (Mailbox or mail list information)"),
        (15, "MX", "MX (Mail eXchange)"),
        (16, "TXT", "TXT (Text strings)"),
        (17, "RP", "RP (Responsible Person)"),
        (18, "AFSDB", "AFSDB (AFS Data Base location)"),
        (19, "X25", "X25 (XX.25 PSDN address)"),
        (20, "ISDN", "ISDN (ISDN address)"),
        (21, "RT", "RT (Route Through)"),
        (22, "NSAP", "NSAP (NSAP address)"),
        (23, "NSAP-PTR", "NSAP-PTR (NSAP domain name pointer)"),
        (24, "SIG", "SIG (security signature)"),
        (25, "KEY", "KEY (security key)"),
        (26, "PX", "PX (X.400 mail mapping information)"),
        (27, "GPOS", "GPOS (Geographical Position)"),
        (28, "AAAA", "AAAA (IPv6 Address)"),
        (29, "LOC", "LOC (Location Information)"),
        (30, "NXT", "NXT (Next Domain)"),
        (31, "EID", "EID (Endpoint Identifier)"),
        (32, "NIMLOC", "NIMLOC (Nimrod Locator)"),
        (33, "SRV", "SRV (Server Selection)"),
        (34, "ATMA", "ATMA (ATM Address)"),
        (35, "NAPTR", "NAPTR (Naming Authority Pointer)"),
        (36, "KX", "KX (Key Exchanger)"),
        (37, "CERT", "CERT"),
        (38, "A6", "A6 (OBSOLETE - use AAAA)"),
        (39, "DNAME", "DNAME"),
        (40, "SINK", "SINK"),
        (41, "OPT", "OPT"),
        (42, "APL", "APL"),
        (43, "DS", "DS (Delegation Signer)"),
        (44, "SSHFP", "SSHFP (SSH Key Fingerprint)"),
        (45, "IPSECKEY", "IPSECKEY"),
        (46, "RRSIG", "RRSIG (Resource Record Signature)"),
        (47, "NSEC", "NSEC (Next Secure)"),
        (48, "DNSKEY", "DNSKEY (DNS Public Key)"),
        (49, "DHCID", "DHCID"),
        (50, "NSEC3", "NSEC3"),
        (51, "NSEC3PARAM", "NSEC3PARAM"),
        (52, "TLSA", "TLSA"),
        (55, "HIP", "HIP (Host Identity Protocol)"),
        (57, "RKEY", "RKEY"),
        (58, "TALINK", "TALINK (Trust Anchor LINK)"),
        (59, "CDS", "CDS (Child DS)"),
        (60, "CDNSKEY", "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)"),
        (61, "OPENPGPKEY", "OPENPGPKEY (OpenPGP Key)"),
        (62, "CSYNC", "CSYNC (Child-to-Parent Synchronization)"),
        (63, "ZONEMD", "ZONEMD"),
        (64, "SVCB", "SVCB (General Purpose Service Endpoints)"),
        (65, "HTTPS", "HTTPS (HTTPS Specific Service Endpoints)"),
        (99, "SPF", "SPF"),
        (100, "UINFO", "UINFO"),
        (101, "UID", "UID"),
        (102, "GID", "GID"),
        (103, "UNSPEC", "UNSPEC"),
        (104, "NID", "NID (NodeID)"),
        (105, "L32", "L32 (Locator32)"),
        (106, "L64", "L64 (Locator64)"),
        (107, "LP", "LP (Locator FQDN)"),
        (108, "EUI48", "EUI48"),
        (109, "EUI64", "EUI64"),
        (249, "TKEY", "TKEY (Transaction Key)"),
        (250, "TSIG", "TSIG (Transaction Signature)"),
        (251, "IXFR", "IXFR (incremental transfer)"),
        (252, "AXFR", "AXFR (transfer of an entire zone)"),
        (253, "MAILB", "MAILB (mailbox-related RRs)"),
        (254, "MAILA", "MAILA (mail agent RRs)"),
        (255, "ANY", "* (A request for all records the server/cache has available)"),
        (256, "URI", "URI"),
        (257, "CAA", "CAA (Certification Authority Restriction)"),
        (32768, "TA", "TA (DNSSEC Trust Authorities)"),
        (32769, "DLV", "DLV (DNSSEC Lookaside Validation)"),
        (65281, "WINS", "WINS"),
        (65282, "WINS-R", "WINS-R"),
        (65422, "XPF", "XPF"),
    ];

    private static readonly Dictionary<ushort, int> s_index = BuildIndex();

    public static readonly Fields.ValueStrings LongNames = new(Array.ConvertAll(s_table, e => ((ulong)e.Value, e.Long)));

    private static Dictionary<ushort, int> BuildIndex()
    {
        var d = new Dictionary<ushort, int>(s_table.Length);
        for (int i = 0; i < s_table.Length; i++) d.TryAdd(s_table[i].Value, i);
        return d;
    }

    /// <summary>The mnemonic ("A", "CNAME"), or null for a type tshark does not name.</summary>
    public static string? ShortName(ushort type) => s_index.TryGetValue(type, out int i) ? s_table[i].Short : null;
}
