//! The client's real address: the TCP peer's, or, when the peer is one of the
//! configured trusted proxies (`STIGE_TRUSTED_PROXIES`), the address the
//! proxies pass on in `Forwarded` (RFC 7239) or `X-Forwarded-For`. Headers
//! from any other peer are ignored: anyone can write them.

use actix_web::http::header::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// No proxy: the peer's address is the client's.
    pub fn none() -> Self {
        Self::default()
    }

    /// A comma-separated list of addresses and networks, e.g.
    /// `10.0.0.5, 172.18.0.0/16, ::1`.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{s:?} is neither an address nor a network (a.b.c.d/n)"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded = forwarded_for(headers);
        let chain = if forwarded.is_empty() {
            x_forwarded_for(headers)
        } else {
            forwarded
        };
        // From the nearest hop back: the first address no trusted proxy wrote.
        let mut client = peer;
        for hop in chain.into_iter().rev() {
            let Some(ip) = hop else {
                // A hop we cannot read: stop at the last address we could trust.
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

/// The `for=` of every `Forwarded` element, in order (`None` where unreadable,
/// e.g. `unknown` or an obfuscated name).
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("forwarded")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (key, value) = pair.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| node_address(value.trim().trim_matches('"')))
            })
        })
        .collect()
}

fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|hop| node_address(hop.trim()))
        .collect()
}

/// An address from `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]:4711` or `2001:db8::1`.
fn node_address(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    node.rsplit_once(':')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let proxies = TrustedProxies::parse("10.0.0.5").unwrap();
        let h = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(proxies.client(ip("198.51.100.1"), &h), ip("198.51.100.1"));
        assert_eq!(
            TrustedProxies::none().client(ip("10.0.0.5"), &h),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn a_trusted_proxy_passes_on_the_nearest_untrusted_address() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, ::1").unwrap();
        // The client forged the first entry; the proxy appended the real one.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.0.0.7")]);
        assert_eq!(proxies.client(ip("10.0.0.5"), &h), ip("203.0.113.9"));
        let h = headers(&[(
            "forwarded",
            "for=1.2.3.4, for=\"[2001:db8::7]:4711\";proto=https",
        )]);
        assert_eq!(proxies.client(ip("::1"), &h), ip("2001:db8::7"));
    }

    #[test]
    fn forwarded_wins_over_x_forwarded_for_and_unreadable_hops_stop_the_walk() {
        let proxies = TrustedProxies::parse("10.0.0.5").unwrap();
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.3"),
            ("forwarded", "for=203.0.113.9:80"),
        ]);
        assert_eq!(proxies.client(ip("10.0.0.5"), &h), ip("203.0.113.9"));
        let h = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(proxies.client(ip("10.0.0.5"), &h), ip("10.0.0.5"));
        assert_eq!(
            proxies.client(ip("10.0.0.5"), &HeaderMap::new()),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn the_list_reads_addresses_and_networks_and_names_what_it_cannot_read() {
        let proxies = TrustedProxies::parse(" 10.0.0.5 ,172.18.0.0/16,").unwrap();
        assert!(proxies.trusts(ip("172.18.3.4")) && proxies.trusts(ip("10.0.0.5")));
        assert!(!proxies.trusts(ip("10.0.0.6")));
        let err = TrustedProxies::parse("10.0.0.5, proxy.local").unwrap_err();
        assert!(err.contains("proxy.local"), "{err}");
    }
}
