/* The floor for "read every packet": a C loop over libpcap's pcap_next_ex that only counts.
 * Sniffer's "-T fields -e frame.number" is compared against it. */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    if (argc != 2) { fprintf(stderr, "usage: pcaploop FILE\n"); return 2; }
    pcap_t *p = pcap_open_offline(argv[1], err);
    if (!p) { fprintf(stderr, "%s\n", err); return 1; }
    struct pcap_pkthdr *h;
    const u_char *data;
    unsigned long long packets = 0, bytes = 0;
    while (pcap_next_ex(p, &h, &data) == 1) { packets++; bytes += h->caplen; }
    printf("%llu packets, %llu bytes\n", packets, bytes);
    pcap_close(p);
    return 0;
}
