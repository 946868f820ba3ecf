using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tls;

/// <summary>TLS fields, named and typed as tshark 4.0 registers them (JA4 as later Wiresharks name it).</summary>
[FieldTable]
public static class TlsFields
{
    public static readonly FieldDef Tls = FieldDef.Protocol("tls", "Transport Layer Security");
    public static readonly FieldDef Record = new("tls.record", "Record Layer", FieldType.None);
    public static readonly FieldDef ContentType = new("tls.record.content_type", "Content Type", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.ContentTypes);
    public static readonly FieldDef OpaqueType = new("tls.record.opaque_type", "Opaque Type", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.ContentTypes);
    public static readonly FieldDef RecordVersion = new("tls.record.version", "Version", FieldType.UInt16, FieldBase.Hex, strings: TlsNames.Versions);
    public static readonly FieldDef RecordLength = new("tls.record.length", "Length", FieldType.UInt16);
    public static readonly FieldDef AppData = new("tls.app_data", "Encrypted Application Data", FieldType.Bytes);
    public static readonly FieldDef AppDataProto = new("tls.app_data_proto", "Application Data Protocol", FieldType.String);
    public static readonly FieldDef ChangeCipherSpec = new("tls.change_cipher_spec", "Change Cipher Spec Message", FieldType.None);
    public static readonly FieldDef Alert = new("tls.alert_message", "Alert Message", FieldType.None);
    public static readonly FieldDef AlertLevel = new("tls.alert_message.level", "Level", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.AlertLevels);
    public static readonly FieldDef AlertDescription = new("tls.alert_message.desc", "Description", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.AlertDescriptions);

    public static readonly FieldDef Handshake = new("tls.handshake", "Handshake Protocol", FieldType.None);
    public static readonly FieldDef HandshakeType = new("tls.handshake.type", "Handshake Type", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.HandshakeTypes);
    public static readonly FieldDef HandshakeLength = new("tls.handshake.length", "Length", FieldType.UInt24);
    public static readonly FieldDef HandshakeVersion = new("tls.handshake.version", "Version", FieldType.UInt16, FieldBase.Hex, strings: TlsNames.Versions);
    public static readonly FieldDef Random = new("tls.handshake.random", "Random", FieldType.Bytes);
    public static readonly FieldDef RandomTime = new("tls.handshake.random_time", "GMT Unix Time", FieldType.AbsoluteTime);
    public static readonly FieldDef RandomBytes = new("tls.handshake.random_bytes", "Random Bytes", FieldType.Bytes);
    public static readonly FieldDef SessionIdLength = new("tls.handshake.session_id_length", "Session ID Length", FieldType.UInt8);
    public static readonly FieldDef SessionId = new("tls.handshake.session_id", "Session ID", FieldType.Bytes);
    public static readonly FieldDef CipherSuitesLength = new("tls.handshake.cipher_suites_length", "Cipher Suites Length", FieldType.UInt16);
    public static readonly FieldDef CipherSuites = new("tls.handshake.ciphersuites", "Cipher Suites", FieldType.None);
    public static readonly FieldDef CipherSuite = new("tls.handshake.ciphersuite", "Cipher Suite", FieldType.UInt16, FieldBase.Hex, strings: TlsNames.CipherSuites);
    public static readonly FieldDef CompMethodsLength = new("tls.handshake.comp_methods_length", "Compression Methods Length", FieldType.UInt8);
    public static readonly FieldDef CompMethods = new("tls.handshake.comp_methods", "Compression Methods", FieldType.None);
    public static readonly FieldDef CompMethod = new("tls.handshake.comp_method", "Compression Method", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.CompressionMethods);
    public static readonly FieldDef ExtensionsLength = new("tls.handshake.extensions_length", "Extensions Length", FieldType.UInt16);
    public static readonly FieldDef ExtensionType = new("tls.handshake.extension.type", "Type", FieldType.UInt16, FieldBase.Dec, strings: TlsNames.ExtensionTypes);
    public static readonly FieldDef ExtensionLength = new("tls.handshake.extension.len", "Length", FieldType.UInt16);
    public static readonly FieldDef ExtensionData = new("tls.handshake.extension.data", "Data", FieldType.Bytes);

    public static readonly FieldDef StatusRequestType = new("tls.handshake.extensions_status_request_type", "Certificate Status Type", FieldType.UInt8, FieldBase.Dec,
        strings: new((1, "OCSP"), (2, "OCSP Multi")));
    public static readonly FieldDef StatusRequestRespondersLength = new("tls.handshake.extensions_status_request_responder_ids_len", "Responder ID list Length", FieldType.UInt16);
    public static readonly FieldDef StatusRequestExtensionsLength = new("tls.handshake.extensions_status_request_exts_len", "Request Extensions Length", FieldType.UInt16);
    public static readonly FieldDef CompressAlgorithmsLength = new("tls.compress_certificate.algorithms_length", "Algorithms Length", FieldType.UInt8);
    public static readonly FieldDef CompressAlgorithm = new("tls.compress_certificate.algorithm", "Algorithm", FieldType.UInt16, FieldBase.Dec,
        strings: new((1, "zlib"), (2, "brotli"), (3, "zstd")));
    public static readonly FieldDef SniListLength = new("tls.handshake.extensions_server_name_list_len", "Server Name list length", FieldType.UInt16);
    public static readonly FieldDef SniType = new("tls.handshake.extensions_server_name_type", "Server Name Type", FieldType.UInt8, FieldBase.Dec, strings: new((0, "host_name")));
    public static readonly FieldDef SniLength = new("tls.handshake.extensions_server_name_len", "Server Name length", FieldType.UInt16);
    public static readonly FieldDef ServerName = new("tls.handshake.extensions_server_name", "Server Name", FieldType.String);
    public static readonly FieldDef AlpnLength = new("tls.handshake.extensions_alpn_len", "ALPN Extension Length", FieldType.UInt16);
    public static readonly FieldDef AlpnList = new("tls.handshake.extensions_alpn_list", "ALPN Protocol", FieldType.None);
    public static readonly FieldDef AlpnStringLength = new("tls.handshake.extensions_alpn_str_len", "ALPN string length", FieldType.UInt8);
    public static readonly FieldDef AlpnString = new("tls.handshake.extensions_alpn_str", "ALPN Next Protocol", FieldType.String);
    public static readonly FieldDef SupportedVersionsLength = new("tls.handshake.extensions.supported_versions_len", "Supported Versions length", FieldType.UInt8);
    public static readonly FieldDef SupportedVersion = new("tls.handshake.extensions.supported_version", "Supported Version", FieldType.UInt16, FieldBase.Hex, strings: TlsNames.Versions);
    public static readonly FieldDef GroupsLength = new("tls.handshake.extensions_supported_groups_length", "Supported Groups List Length", FieldType.UInt16);
    public static readonly FieldDef GroupsList = new("tls.handshake.extensions_supported_groups", "Supported Groups List", FieldType.None);
    public static readonly FieldDef Group = new("tls.handshake.extensions_supported_group", "Supported Group", FieldType.UInt16, FieldBase.Hex, strings: TlsNames.Groups);
    public static readonly FieldDef EcPointFormatsLength = new("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length", FieldType.UInt8);
    public static readonly FieldDef EcPointFormats = new("tls.handshake.extensions_ec_point_formats", "EC point formats", FieldType.None);
    public static readonly FieldDef EcPointFormat = new("tls.handshake.extensions_ec_point_format", "EC point format", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.EcPointFormats);
    public static readonly FieldDef SigHashAlgsLength = new("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length", FieldType.UInt16);
    public static readonly FieldDef SigHashAlgs = new("tls.handshake.sig_hash_algs", "Signature Algorithms", FieldType.None);
    public static readonly FieldDef SigHashAlg = new("tls.handshake.sig_hash_alg", "Signature Algorithm", FieldType.UInt16, FieldBase.Hex, strings: TlsNames.SignatureAlgorithms);
    public static readonly FieldDef SigHashHash = new("tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.SigHashHashes);
    public static readonly FieldDef SigHashSig = new("tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.SigHashSignatures);
    public static readonly FieldDef KeyShareClientLength = new("tls.handshake.extensions_key_share_client_length", "Client Key Share Length", FieldType.UInt16);
    public static readonly FieldDef KeyShareGroup = new("tls.handshake.extensions_key_share_group", "Group", FieldType.UInt16, FieldBase.Dec, strings: TlsNames.Groups);
    public static readonly FieldDef KeyShareLength = new("tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length", FieldType.UInt16);
    public static readonly FieldDef KeyShareKey = new("tls.handshake.extensions_key_share_key_exchange", "Key Exchange", FieldType.Bytes);
    public static readonly FieldDef KeyShareSelectedGroup = new("tls.handshake.extensions_key_share_selected_group", "Selected Group", FieldType.UInt16, FieldBase.Dec, strings: TlsNames.Groups);
    public static readonly FieldDef PskModesLength = new("tls.extension.psk_ke_modes_length", "PSK Key Exchange Modes Length", FieldType.UInt8);
    public static readonly FieldDef PskMode = new("tls.extension.psk_ke_mode", "PSK Key Exchange Mode", FieldType.UInt8, FieldBase.Dec, strings: TlsNames.PskKeModes);

    public static readonly FieldDef CertificatesLength = new("tls.handshake.certificates_length", "Certificates Length", FieldType.UInt24);
    public static readonly FieldDef Certificates = new("tls.handshake.certificates", "Certificates", FieldType.None);
    public static readonly FieldDef CertificateLength = new("tls.handshake.certificate_length", "Certificate Length", FieldType.UInt24);
    public static readonly FieldDef Certificate = new("tls.handshake.certificate", "Certificate", FieldType.Bytes);
    public static readonly FieldDef CertificateRequestContextLength = new("tls.handshake.certificate_request_context_length", "Certificate Request Context Length", FieldType.UInt8);

    public static readonly FieldDef Ja3Full = new("tls.handshake.ja3_full", "JA3 Fullstring", FieldType.String);
    public static readonly FieldDef Ja3 = new("tls.handshake.ja3", "JA3", FieldType.String);
    public static readonly FieldDef Ja3sFull = new("tls.handshake.ja3s_full", "JA3S Fullstring", FieldType.String);
    public static readonly FieldDef Ja3s = new("tls.handshake.ja3s", "JA3S", FieldType.String);
    public static readonly FieldDef Ja4 = new("tls.handshake.ja4", "JA4", FieldType.String);
    public static readonly FieldDef Ja4R = new("tls.handshake.ja4_r", "JA4_r", FieldType.String);

    public static readonly ExpertDef MalformedRecord = new("tls.malformed.record", ExpertGroup.Malformed, ExpertSeverity.Error, "Record length exceeds the data");
    public static readonly ExpertDef MalformedHandshake = new("tls.malformed.handshake", ExpertGroup.Malformed, ExpertSeverity.Error, "Handshake message length exceeds its record");
    public static readonly ExpertDef TooManyItems = new("tls.too_many_items", ExpertGroup.Malformed, ExpertSeverity.Warning, "Too many items; the rest were not dissected");
}
