// SPDX-License-Identifier: GPL-2.0
/*
 * The netns fabric's stand-in for Cilium's load balancer in DSR mode with GENEVE dispatch
 * (loadBalancer.mode=dsr, dsrDispatch=geneve), attached with tc to a node's net0:
 *
 *   ingress, TCP to VIP:port   pick a backend; translate to the backend pod's address and port; if the
 *                              pod is on this node, deliver it, else send it to the pod's node in GENEVE
 *   ingress, GENEVE to us      read the DSR option on a SYN and remember the flow's service address;
 *                              strip the tunnel headers and deliver the inner packet
 *   egress, pod replies        rewrite a remembered flow's source back to VIP:port, so the reply leaves
 *                              this node directly (never back through the node that took the request)
 *
 * With mode SNAT (Cilium's loadBalancer.mode=snat, here for a negative control) a remote backend is
 * reached by plain routing instead: the node translates the source to its own address, and the reply
 * comes back through it to be translated back.
 *
 * The wire format is Cilium's (bpf/lib/nodeport.h, encap_geneve_dsr_opt4; bpf/lib/geneve.h):
 *
 *   outer Ethernet | outer IPv4 node -> backend node | UDP sport hash, dport 6081 |
 *   GENEVE: ver 0, opt len, O=0 C=0, protocol 0x6558 (Ethernet), VNI = source identity WORLD_ID (2) |
 *   on a TCP SYN only, one option: class 0x014B, type 0x81, length 2 words, VIP (4) port (2) pad (2) |
 *   inner Ethernet | inner IPv4 client:port -> pod:targetPort | TCP ...
 *
 * The inner destination is the backend pod, not the VIP: Cilium translates before it encapsulates ("DSR
 * changes the destination address from service ip to pod ip and destination port from service port to
 * pod port", nodeport.h dsr_reply_icmp6), and looks up the tunnel endpoint of the pod's address.
 * Cilium's kernel GENEVE device sets C only for options flagged critical by the tunnel key, which
 * Cilium does not do, so C stays 0 on the wire although type 0x81 has its critical bit set.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/pkt_cls.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <stddef.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#define GENEVE_PORT 6081
#define GENEVE_PROTO_ETHERNET 0x6558
#define DSR_OPT_CLASS 0x014B
#define DSR_OPT_TYPE 0x81
#define WORLD_ID 2
#define MAX_BACKENDS 16
#define MAX_GENEVE_OPTIONS 4
/* the kernel's default ephemeral range, from which UDP tunnels take their source port */
#define SPORT_MIN 32768
#define SPORT_RANGE (61000 - SPORT_MIN)

#define LB_MODE_DSR 0
#define LB_MODE_SNAT 1
/* Datapath faults for negative controls (lab/controls/datapath-faults.ts), each a mistake a datapath could make: */
#define LB_FLAG_NO_DSR_OPTION 1            /* tunnel the SYN without the DSR option */
#define LB_FLAG_NODE_IDENTITY_VNI 2        /* VNI = the node's identity (remote-node, 6), not the client's (world) */
#define LB_FLAG_DSR_OPTION_EVERY_PACKET 4  /* the DSR option on every tunnelled packet, not on the SYN only */
#define LB_FLAG_UNTRANSLATED_INNER 8       /* tunnel before translating: the inner destination stays VIP:port */
/* Cilium's reserved identity of a remote node (bpf/node_config.h: REMOTE_NODE_ID 6) */
#define REMOTE_NODE_ID 6

/* Filled by the harness (lab/netns/datapath.ts); the layouts are mirrored there. */
struct lb_config {
	__be32 node_addr; /* this node's net0 address: the outer source, and where tunnels end */
	__be32 vip;
	__be16 vport;
	__u16 backend_count;
	__u16 mode;
	__u16 flags;
};

struct lb_backend {
	__be32 addr;      /* the pod */
	__be32 node_addr; /* the pod's node, the tunnel endpoint */
	__be16 port;      /* the pod's port (targetPort) */
	__u16 pad;
};

/* A flow as the backend sees it, and the service it was addressed to: Cilium keeps this in conntrack. */
struct dsr_flow {
	__be32 client;
	__be32 backend;
	__be16 client_port;
	__be16 backend_port;
};

struct dsr_service {
	__be32 vip;
	__be16 vport;
	__u16 pad;
};

/* SNAT mode: a translated flow as the backend answers it (the node keeps the client's port) ... */
struct snat_flow {
	__be32 backend;
	__be16 backend_port;
	__be16 node_port;
};

/* ... and the client it stands for. */
struct snat_client {
	__be32 addr;
	__be16 port;
	__u16 pad;
};

struct genevehdr {
	__u8 ver_opt_len; /* version (2 bits) and options length in 4-byte words (6 bits) */
	__u8 flags;       /* O (control), C (critical options present), 6 reserved bits */
	__be16 protocol;
	__u8 vni[3];
	__u8 reserved;
};

struct geneve_dsr_opt4 {
	__be16 opt_class;
	__u8 type;
	__u8 length; /* 3 reserved bits, then the data length in 4-byte words */
	__be32 addr;
	__be16 port;
	__u16 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct lb_config);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} lb_config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_BACKENDS);
	__type(key, __u32);
	__type(value, struct lb_backend);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} lb_backends SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, struct dsr_flow);
	__type(value, struct dsr_service);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} dsr_flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, struct snat_flow);
	__type(value, struct snat_client);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} snat_flows SEC(".maps");

#define IP_OFF ETH_HLEN
#define IP_CSUM_OFF (IP_OFF + offsetof(struct iphdr, check))
#define IP_SADDR_OFF (IP_OFF + offsetof(struct iphdr, saddr))
#define IP_DADDR_OFF (IP_OFF + offsetof(struct iphdr, daddr))
#define TCP_OFF (IP_OFF + sizeof(struct iphdr))
#define TCP_CSUM_OFF (TCP_OFF + offsetof(struct tcphdr, check))
#define TCP_SPORT_OFF (TCP_OFF + offsetof(struct tcphdr, source))
#define TCP_DPORT_OFF (TCP_OFF + offsetof(struct tcphdr, dest))
#define ENCAP_FIXED_LEN (sizeof(struct iphdr) + sizeof(struct udphdr) + sizeof(struct genevehdr))

/* Rewrites an address and a port of the TCP packet, keeping IP and TCP checksums right (also for
 * CHECKSUM_PARTIAL packets from veths, which the helpers handle). */
static __always_inline int rewrite(struct __sk_buff *skb, int addr_off, __be32 old_addr, __be32 new_addr,
				   int port_off, __be16 old_port, __be16 new_port)
{
	if (bpf_l4_csum_replace(skb, TCP_CSUM_OFF, old_addr, new_addr, BPF_F_PSEUDO_HDR | sizeof(new_addr)) ||
	    bpf_l4_csum_replace(skb, TCP_CSUM_OFF, old_port, new_port, sizeof(new_port)) ||
	    bpf_l3_csum_replace(skb, IP_CSUM_OFF, old_addr, new_addr, sizeof(new_addr)) ||
	    bpf_skb_store_bytes(skb, addr_off, &new_addr, sizeof(new_addr), 0) ||
	    bpf_skb_store_bytes(skb, port_off, &new_port, sizeof(new_port), 0))
		return -1;
	return 0;
}

static __always_inline __u16 ipv4_csum(struct iphdr *ip)
{
	__u32 sum = bpf_csum_diff(0, 0, (__be32 *)ip, sizeof(*ip), 0);

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)~sum;
}

/* Sends the (already translated) packet to the backend's node in GENEVE, out of the interface the
 * route to that node uses; the kernel resolves the next hop's MAC (bpf_redirect_neigh). */
static __always_inline int encapsulate(struct __sk_buff *skb, const struct lb_config *cfg,
				       const struct lb_backend *backend, int syn)
{
	struct ethhdr inner_eth;
	struct {
		struct iphdr ip;
		struct udphdr udp;
		struct genevehdr geneve;
	} outer = {};
	struct geneve_dsr_opt4 opt = {
		.opt_class = bpf_htons(DSR_OPT_CLASS),
		.type = DSR_OPT_TYPE,
		.length = (sizeof(opt) - 4) / 4,
		.addr = cfg->vip,
		.port = cfg->vport,
	};
	int with_opt = (syn || (cfg->flags & LB_FLAG_DSR_OPTION_EVERY_PACKET)) && !(cfg->flags & LB_FLAG_NO_DSR_OPTION);
	__u32 opt_len = with_opt ? sizeof(opt) : 0;
	__u32 encap_len = ENCAP_FIXED_LEN + opt_len + ETH_HLEN;
	__u32 hash = bpf_get_hash_recalc(skb);
	_Static_assert(sizeof(outer) == ENCAP_FIXED_LEN, "outer headers must be contiguous");
	__u64 flags = BPF_F_ADJ_ROOM_ENCAP_L3_IPV4 | BPF_F_ADJ_ROOM_ENCAP_L4_UDP |
		      BPF_F_ADJ_ROOM_ENCAP_L2_ETH | BPF_F_ADJ_ROOM_ENCAP_L2(ETH_HLEN);

	/* The frame's own Ethernet header becomes the inner one. */
	if (bpf_skb_load_bytes(skb, 0, &inner_eth, sizeof(inner_eth)))
		return TC_ACT_SHOT;
	if (bpf_skb_adjust_room(skb, encap_len, BPF_ADJ_ROOM_MAC, flags))
		return TC_ACT_SHOT;

	outer.ip.version = 4;
	outer.ip.ihl = 5;
	outer.ip.ttl = 64;
	outer.ip.protocol = IPPROTO_UDP;
	outer.ip.tot_len = bpf_htons(skb->len - ETH_HLEN);
	outer.ip.saddr = cfg->node_addr;
	outer.ip.daddr = backend->node_addr;
	outer.ip.check = ipv4_csum(&outer.ip);
	outer.udp.source = bpf_htons(SPORT_MIN + hash % SPORT_RANGE);
	outer.udp.dest = bpf_htons(GENEVE_PORT);
	outer.udp.len = bpf_htons(skb->len - ETH_HLEN - sizeof(struct iphdr));
	/* UDP checksum 0: allowed for GENEVE over IPv4 (RFC 8926 3.3), as Linux sends it by default */
	outer.geneve.ver_opt_len = opt_len / 4;
	outer.geneve.protocol = bpf_htons(GENEVE_PROTO_ETHERNET);
	outer.geneve.vni[2] = cfg->flags & LB_FLAG_NODE_IDENTITY_VNI ? REMOTE_NODE_ID : WORLD_ID;

	if (bpf_skb_store_bytes(skb, IP_OFF, &outer, sizeof(outer), 0))
		return TC_ACT_SHOT;
	if (opt_len && bpf_skb_store_bytes(skb, IP_OFF + ENCAP_FIXED_LEN, &opt, sizeof(opt), 0))
		return TC_ACT_SHOT;
	if (bpf_skb_store_bytes(skb, IP_OFF + ENCAP_FIXED_LEN + opt_len, &inner_eth, sizeof(inner_eth), 0))
		return TC_ACT_SHOT;
	return bpf_redirect_neigh(skb->ifindex, NULL, 0, 0);
}

/* SNAT mode, remote backend: the request leaves from this node's address and is routed to the pod. */
static __always_inline int snat_to_backend(struct __sk_buff *skb, const struct lb_config *cfg,
					   const struct lb_backend *backend, __be32 client, __be16 client_port)
{
	struct snat_flow flow = { .backend = backend->addr, .backend_port = backend->port, .node_port = client_port };
	struct snat_client value = { .addr = client, .port = client_port };

	if (rewrite(skb, IP_SADDR_OFF, client, cfg->node_addr, TCP_SPORT_OFF, client_port, client_port))
		return TC_ACT_SHOT;
	bpf_map_update_elem(&snat_flows, &flow, &value, BPF_ANY);
	return bpf_redirect_neigh(skb->ifindex, NULL, 0, 0);
}

/* SNAT mode: the backend's reply comes back to this node, and leaves again from the VIP to the client. */
static __always_inline int snat_reply(struct __sk_buff *skb, const struct lb_config *cfg, struct iphdr *ip,
				      struct tcphdr *tcp)
{
	struct snat_flow flow = { .backend = ip->saddr, .backend_port = tcp->source, .node_port = tcp->dest };
	struct snat_client *client = bpf_map_lookup_elem(&snat_flows, &flow);
	struct snat_client to;

	if (!client)
		return TC_ACT_OK;
	to = *client;
	if (rewrite(skb, IP_SADDR_OFF, flow.backend, cfg->vip, TCP_SPORT_OFF, flow.backend_port, cfg->vport) ||
	    rewrite(skb, IP_DADDR_OFF, cfg->node_addr, to.addr, TCP_DPORT_OFF, flow.node_port, to.port))
		return TC_ACT_SHOT;
	return bpf_redirect_neigh(skb->ifindex, NULL, 0, 0);
}

/* A TCP packet to the VIP: choose a backend and send it there. */
static __always_inline int load_balance(struct __sk_buff *skb, const struct lb_config *cfg,
					struct iphdr *ip, struct tcphdr *tcp)
{
	struct dsr_flow flow = { .client = ip->saddr, .client_port = tcp->source };
	struct dsr_service service = { .vip = cfg->vip, .vport = cfg->vport };
	int syn = tcp->syn && !tcp->ack;
	struct lb_backend *backend;
	__u32 index;

	if (cfg->backend_count == 0 || cfg->backend_count > MAX_BACKENDS)
		return TC_ACT_SHOT;
	/* Every selection algorithm (Cilium's is maglev) picks the lab's single backend; a hash of the
	 * flow keeps the choice stable per flow where there are more. */
	index = bpf_get_hash_recalc(skb) % cfg->backend_count;
	backend = bpf_map_lookup_elem(&lb_backends, &index);
	if (!backend)
		return TC_ACT_SHOT;

	if (backend->node_addr != cfg->node_addr && (cfg->flags & LB_FLAG_UNTRANSLATED_INNER))
		return encapsulate(skb, cfg, backend, syn);
	if (rewrite(skb, IP_DADDR_OFF, cfg->vip, backend->addr, TCP_DPORT_OFF, cfg->vport, backend->port))
		return TC_ACT_SHOT;
	if (backend->node_addr != cfg->node_addr && cfg->mode == LB_MODE_SNAT)
		return snat_to_backend(skb, cfg, backend, flow.client, flow.client_port);
	if (backend->node_addr != cfg->node_addr)
		return encapsulate(skb, cfg, backend, syn);

	flow.backend = backend->addr;
	flow.backend_port = backend->port;
	bpf_map_update_elem(&dsr_flows, &flow, &service, BPF_ANY);
	return TC_ACT_OK;
}

/* GENEVE to this node: remember the service of a SYN that carries the DSR option, then decapsulate. */
static __always_inline int decapsulate(struct __sk_buff *skb)
{
	int geneve_off = IP_OFF + sizeof(struct iphdr) + sizeof(struct udphdr);
	struct geneve_dsr_opt4 opt;
	struct dsr_service service;
	struct genevehdr geneve;
	struct dsr_flow flow = {};
	struct iphdr inner;
	struct tcphdr tcp;
	int found = 0, off, end, inner_ip_off;
	__u32 opts_len;

	if (bpf_skb_load_bytes(skb, geneve_off, &geneve, sizeof(geneve)))
		return TC_ACT_SHOT;
	if ((geneve.ver_opt_len >> 6) != 0 || geneve.protocol != bpf_htons(GENEVE_PROTO_ETHERNET))
		return TC_ACT_SHOT;
	opts_len = (geneve.ver_opt_len & 0x3f) * 4;
	off = geneve_off + sizeof(geneve);
	end = off + opts_len;

	for (int i = 0; i < MAX_GENEVE_OPTIONS && off + 4 <= end; i++) {
		if (bpf_skb_load_bytes(skb, off, &opt, 4))
			return TC_ACT_SHOT;
		if (opt.opt_class == bpf_htons(DSR_OPT_CLASS) && opt.type == DSR_OPT_TYPE &&
		    (opt.length & 0x1f) * 4 == sizeof(opt) - 4) {
			if (bpf_skb_load_bytes(skb, off, &opt, sizeof(opt)))
				return TC_ACT_SHOT;
			service.vip = opt.addr;
			service.vport = opt.port;
			service.pad = 0;
			found = 1;
		}
		off += 4 + (opt.length & 0x1f) * 4;
	}

	inner_ip_off = end + ETH_HLEN;
	if (bpf_skb_load_bytes(skb, inner_ip_off, &inner, sizeof(inner)))
		return TC_ACT_SHOT;
	if (found && inner.protocol == IPPROTO_TCP && inner.ihl == 5) {
		if (bpf_skb_load_bytes(skb, inner_ip_off + sizeof(inner), &tcp, sizeof(tcp)))
			return TC_ACT_SHOT;
		flow.client = inner.saddr;
		flow.backend = inner.daddr;
		flow.client_port = tcp.source;
		flow.backend_port = tcp.dest;
		bpf_map_update_elem(&dsr_flows, &flow, &service, BPF_ANY);
	}

	if (bpf_skb_adjust_room(skb, -(__s32)(inner_ip_off - IP_OFF), BPF_ADJ_ROOM_MAC, 0))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

SEC("tc/ingress")
int lb_ingress(struct __sk_buff *skb)
{
	void *data, *data_end;
	struct ethhdr *eth;
	struct iphdr *ip;
	struct lb_config *cfg;
	__u32 zero = 0;

	/* Make the headers up to TCP's readable in place; a shorter frame (ARP) fails the checks below. */
	bpf_skb_pull_data(skb, TCP_OFF + sizeof(struct tcphdr));
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	eth = data;
	ip = data + ETH_HLEN;
	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) || ip->ihl != 5)
		return TC_ACT_OK;
	cfg = bpf_map_lookup_elem(&lb_config, &zero);
	if (!cfg)
		return TC_ACT_OK;

	if (ip->protocol == IPPROTO_UDP && ip->daddr == cfg->node_addr) {
		struct udphdr *udp = (void *)(ip + 1);

		if ((void *)(udp + 1) <= data_end && udp->dest == bpf_htons(GENEVE_PORT))
			return decapsulate(skb);
		return TC_ACT_OK;
	}
	if (ip->protocol == IPPROTO_TCP && ip->daddr == cfg->vip) {
		struct tcphdr *tcp = (void *)(ip + 1);

		if ((void *)(tcp + 1) <= data_end && tcp->dest == cfg->vport)
			return load_balance(skb, cfg, ip, tcp);
	}
	if (ip->protocol == IPPROTO_TCP && ip->daddr == cfg->node_addr && cfg->mode == LB_MODE_SNAT) {
		struct tcphdr *tcp = (void *)(ip + 1);

		if ((void *)(tcp + 1) <= data_end)
			return snat_reply(skb, cfg, ip, tcp);
	}
	return TC_ACT_OK;
}

/* A backend's reply to a flow it got through the service leaves as VIP:port. */
SEC("tc/egress")
int lb_egress(struct __sk_buff *skb)
{
	void *data, *data_end;
	struct ethhdr *eth;
	struct iphdr *ip;
	struct tcphdr *tcp;
	struct dsr_flow flow;
	struct dsr_service *service;

	bpf_skb_pull_data(skb, TCP_OFF + sizeof(struct tcphdr));
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	eth = data;
	ip = data + ETH_HLEN;
	tcp = (void *)(ip + 1);
	if ((void *)(tcp + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) || ip->ihl != 5 ||
	    ip->protocol != IPPROTO_TCP)
		return TC_ACT_OK;

	flow.client = ip->daddr;
	flow.backend = ip->saddr;
	flow.client_port = tcp->dest;
	flow.backend_port = tcp->source;
	service = bpf_map_lookup_elem(&dsr_flows, &flow);
	if (!service)
		return TC_ACT_OK;
	if (rewrite(skb, IP_SADDR_OFF, flow.backend, service->vip, TCP_SPORT_OFF, flow.backend_port, service->vport))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
