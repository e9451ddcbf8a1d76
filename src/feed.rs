//! The portal's news feed (RSS 2.0 or Atom), fetched over HTTP(S) or read from a
//! file, as plain items: title, link, publication time, categories and authors.
//! Nothing here knows the plan; `import --feed` decides what each item is.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone as _, Utc};

/// The largest feed read: a portal's feed of a thousand items is about 1 MiB.
pub const MAX_FEED_BYTES: u64 = 16 * 1024 * 1024;

/// How many redirects are followed (the portal moving to HTTPS, to a new address).
const MAX_REDIRECTS: u32 = 5;

/// One item of the feed, as the feed says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its place in the feed, from 1 (how the user finds it in a list of skips).
    pub number: usize,
    /// The title as text (HTML titles lose their tags).
    pub title: String,
    /// The item's web page, made absolute against the feed's address.
    pub link: Option<String>,
    /// When it was published (else last updated), if the feed says in a form read.
    pub published: Option<DateTime<Utc>>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
}

/// Why a feed could not be had. The words, in both languages, are the catalogue's
/// ([`crate::i18n::Problem::Feed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    /// The file could not be read: it does not exist, or the system's reason.
    File {
        missing: bool,
        why: String,
    },
    /// The server answered with this HTTP status.
    Status(u16),
    /// No complete answer within this many seconds.
    Timeout(u64),
    /// The answer is larger than this many MiB.
    TooLarge(u64),
    /// More than this many redirects.
    Redirects(u32),
    HostNotFound,
    ConnectionFailed,
    /// The proxy the environment names is not one that can be used.
    Proxy {
        address: String,
        why: String,
    },
    /// The proxy the environment names is not an HTTP(S) proxy (SOCKS is not built in).
    ProxyScheme {
        address: String,
    },
    /// `--timeout` longer than this many seconds.
    TimeoutTooLong {
        seconds: u64,
        max: u64,
    },
    /// What the network library says (TLS, protocol).
    Network(String),
    /// Not well-formed XML (the parser's words).
    NotXml(String),
    /// XML, but not RSS or Atom (the parser's words).
    NotFeed(String),
    /// A JSON Feed: not read.
    Json,
}

impl Item {
    /// The day it was published, in the local time `local`.
    pub fn day(&self, local: FixedOffset) -> Option<NaiveDate> {
        self.published.map(|t| t.with_timezone(&local).date_naive())
    }
}

/// Where a feed comes from: a web address (`http://`, `https://`) or a file.
pub fn is_web_address(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The longest `--timeout`: an hour (a longer one overflows the clocks of the HTTP
/// library, and no portal is that slow).
pub const MAX_TIMEOUT_SECONDS: u64 = 3600;

/// A feed's bytes and the address they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The address after any redirects (relative links are resolved against it);
    /// `None` for a file.
    pub base: Option<String>,
}

/// The bytes of the feed at `source`: fetched when it is a web address (with the
/// proxy the environment names, `timeout` for the whole exchange, redirects
/// followed and at most [`MAX_FEED_BYTES`]), else read from the file.
pub fn load(source: &str, timeout: Duration) -> Result<Vec<u8>, FeedError> {
    load_with_base(source, timeout).map(|f| f.bytes)
}

/// As [`load`], with the address the bytes came from after redirects: the base of
/// the feed's relative links.
pub fn load_with_base(source: &str, timeout: Duration) -> Result<Fetched, FeedError> {
    if is_web_address(source) {
        fetch(source, timeout)
    } else {
        let bytes = crate::files::read_limited(Path::new(source), MAX_FEED_BYTES).map_err(|e| {
            FeedError::File {
                missing: e.kind() == std::io::ErrorKind::NotFound,
                why: e.to_string(),
            }
        })?;
        Ok(Fetched { bytes, base: None })
    }
}

/// Whether ureq (built without SOCKS) can use the proxy at `address`: an
/// `http://` or `https://` one, or a bare `host:port`, which means HTTP.
fn is_http_proxy(address: &str) -> bool {
    match address.split_once("://") {
        None => true,
        Some((scheme, _)) => {
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        }
    }
}

fn fetch(url: &str, timeout: Duration) -> Result<Fetched, FeedError> {
    if timeout.as_secs() > MAX_TIMEOUT_SECONDS {
        return Err(FeedError::TimeoutTooLong {
            seconds: timeout.as_secs(),
            max: MAX_TIMEOUT_SECONDS,
        });
    }
    let proxy = match proxy_for(url, &|name| std::env::var(name).ok()) {
        Some(address) if !is_http_proxy(&address) => {
            return Err(FeedError::ProxyScheme {
                address: crate::printable(&address).into_owned(),
            });
        }
        Some(address) => Some(ureq::Proxy::new(&address).map_err(|e| FeedError::Proxy {
            address: crate::printable(&address).into_owned(),
            why: e.to_string(),
        })?),
        None => None,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
        .max_redirects(MAX_REDIRECTS)
        .proxy(proxy)
        .user_agent(concat!("cchc/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let failed = |e: ureq::Error| match e {
        ureq::Error::StatusCode(code) => FeedError::Status(code),
        ureq::Error::Timeout(_) => FeedError::Timeout(timeout.as_secs()),
        ureq::Error::BodyExceedsLimit(_) => FeedError::TooLarge(MAX_FEED_BYTES / 1024 / 1024),
        ureq::Error::TooManyRedirects => FeedError::Redirects(MAX_REDIRECTS),
        ureq::Error::HostNotFound => FeedError::HostNotFound,
        ureq::Error::ConnectionFailed => FeedError::ConnectionFailed,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            FeedError::Timeout(timeout.as_secs())
        }
        ureq::Error::Io(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::ConnectionReset
            ) =>
        {
            FeedError::ConnectionFailed
        }
        other => FeedError::Network(other.to_string()),
    };
    let mut response = agent.get(url).call().map_err(failed)?;
    // Where the feed really is, after redirects: its relative links are relative
    // to that address, not to the one asked for.
    let base = {
        use ureq::ResponseExt as _;
        response.get_uri().to_string()
    };
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_FEED_BYTES)
        .read_to_vec()
        .map_err(failed)?;
    Ok(Fetched {
        bytes,
        base: Some(base),
    })
}

/// The proxy for `url` as curl and most tools read the environment:
/// `https_proxy`/`HTTPS_PROXY` (or `http_proxy`/`HTTP_PROXY` for http://), else
/// `all_proxy`/`ALL_PROXY`; none when `no_proxy`/`NO_PROXY` lists the host (`*`,
/// the host itself, or a domain it is in: `gov.vn` and `.gov.vn` both cover
/// `hamtan.binhthuan.gov.vn`).
pub fn proxy_for(url: &str, env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let var = |name: &str| {
        env(&name.to_ascii_lowercase())
            .or_else(|| env(name))
            .filter(|v| !v.trim().is_empty())
    };
    let https = url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
    let proxy = if https {
        var("HTTPS_PROXY")
    } else {
        var("HTTP_PROXY")
    }
    .or_else(|| var("ALL_PROXY"))?;
    let host = host_of(url)?;
    let bypassed = var("NO_PROXY").is_some_and(|list| {
        list.split(',').map(str::trim).any(|entry| {
            let entry = entry
                .split(':')
                .next()
                .unwrap_or("")
                .trim_start_matches('.');
            entry == "*"
                || (!entry.is_empty()
                    && (host.eq_ignore_ascii_case(entry)
                        || host
                            .to_ascii_lowercase()
                            .ends_with(&format!(".{}", entry.to_ascii_lowercase()))))
        })
    });
    (!bypassed).then_some(proxy)
}

/// The host of a web address, without user, port or brackets.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host_port.split(':').next()?,
    };
    (!host.is_empty()).then_some(host)
}

/// The items of an RSS 2.0 or Atom feed. Links are made absolute against `base`
/// (the feed's address); publication times without an offset are read in `local`.
pub fn parse(bytes: &[u8], base: Option<&str>, local: FixedOffset) -> Result<Vec<Item>, FeedError> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        .timestamp_parser(move |text| parse_time(text, local))
        .build();
    let feed = parser.parse(bytes).map_err(|e| match e {
        feed_rs::parser::ParseFeedError::ParseError(kind) => FeedError::NotFeed(kind.to_string()),
        feed_rs::parser::ParseFeedError::XmlReader(e) => FeedError::NotXml(
            e.to_string()
                .replace("unable to parse XML: ", "")
                .replace("Parser error: ", ""),
        ),
        feed_rs::parser::ParseFeedError::JsonSerde(_)
        | feed_rs::parser::ParseFeedError::JsonUnsupportedVersion(_) => FeedError::Json,
        other => FeedError::NotFeed(other.to_string()),
    })?;
    if feed.feed_type == feed_rs::model::FeedType::JSON {
        return Err(FeedError::Json);
    }
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|l| !l.is_empty());
            Item {
                number: i + 1,
                title: entry.title.as_ref().map(text_of).unwrap_or_default(),
                link,
                published: entry.published.or(entry.updated),
                categories: entry
                    .categories
                    .iter()
                    .flat_map(|c| [Some(c.term.clone()), c.label.clone()])
                    .flatten()
                    .filter(|c| !c.trim().is_empty())
                    .collect(),
                authors: entry
                    .authors
                    .iter()
                    .filter_map(|p| p.name.clone())
                    .filter(|n| !n.trim().is_empty())
                    .collect(),
            }
        })
        .collect())
}

/// A title as text: an HTML or XHTML title loses its tags and its character
/// references are read.
fn text_of(text: &feed_rs::model::Text) -> String {
    let html = matches!(text.content_type.subty().as_str(), "html" | "xhtml+xml");
    if html {
        strip_html(&text.content)
    } else {
        text.content.clone()
    }
}

/// Tags removed, the common character references read (`&amp;` `&#7897;` ...).
fn strip_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_references(&text)
}

/// The named references of Latin-1 letters old CMSs write Vietnamese vowels with
/// (`Ph&ograve;ng`); the rest of a Vietnamese word comes as numeric references.
const LATIN_LETTERS: [(&str, char); 36] = [
    ("agrave", 'à'),
    ("Agrave", 'À'),
    ("aacute", 'á'),
    ("Aacute", 'Á'),
    ("acirc", 'â'),
    ("Acirc", 'Â'),
    ("atilde", 'ã'),
    ("Atilde", 'Ã'),
    ("egrave", 'è'),
    ("Egrave", 'È'),
    ("eacute", 'é'),
    ("Eacute", 'É'),
    ("ecirc", 'ê'),
    ("Ecirc", 'Ê'),
    ("igrave", 'ì'),
    ("Igrave", 'Ì'),
    ("iacute", 'í'),
    ("Iacute", 'Í'),
    ("icirc", 'î'),
    ("Icirc", 'Î'),
    ("ograve", 'ò'),
    ("Ograve", 'Ò'),
    ("oacute", 'ó'),
    ("Oacute", 'Ó'),
    ("ocirc", 'ô'),
    ("Ocirc", 'Ô'),
    ("otilde", 'õ'),
    ("Otilde", 'Õ'),
    ("ugrave", 'ù'),
    ("Ugrave", 'Ù'),
    ("uacute", 'ú'),
    ("Uacute", 'Ú'),
    ("ucirc", 'û'),
    ("Ucirc", 'Û'),
    ("yacute", 'ý'),
    ("Yacute", 'Ý'),
];

fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if !name.starts_with('#') => LATIN_LETTERS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, c)| *c),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A publication time as feeds write it: RFC 3339 (Atom), RFC 2822 (RSS), either
/// with a space for the `T` or a `+0700` offset, or a local date and time without
/// an offset (`2022-03-31 23:30`, `31/03/2022 23:30`), read in `local`.
pub fn parse_time(text: &str, local: FixedOffset) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t.with_timezone(&Utc));
    }
    // 2022-03-31 23:30:00+07:00, 2022-03-31T23:30:00+0700
    for format in ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Some(t.with_timezone(&Utc));
        }
    }
    const LOCAL: [&str; 6] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%H:%M %d/%m/%Y",
    ];
    let naive = LOCAL
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| {
            ["%Y-%m-%d", "%d/%m/%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    local
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vietnam() -> FixedOffset {
        FixedOffset::east_opt(7 * 3600).unwrap()
    }

    fn local_date(text: &str) -> NaiveDate {
        parse_time(text, vietnam())
            .unwrap_or_else(|| panic!("{text} not read"))
            .with_timezone(&vietnam())
            .date_naive()
    }

    #[test]
    fn late_evening_of_the_last_day_of_march_is_in_march_in_vietnam() {
        let march_31 = NaiveDate::from_ymd_opt(2022, 3, 31).unwrap();
        for text in [
            "Thu, 31 Mar 2022 23:30:00 +0700",
            "Thu, 31 Mar 2022 16:30:00 GMT",
            "2022-03-31T16:30:00Z",
            "2022-03-31T23:30:00+07:00",
            "2022-03-31 23:30:00+0700",
            "2022-03-31 23:30",
            "31/03/2022 23:30",
            "2022-03-31",
        ] {
            assert_eq!(local_date(text), march_31, "{text}");
        }
        // Just after midnight in Vietnam is April, though still March in UTC.
        assert_eq!(
            local_date("2022-03-31T17:30:00Z"),
            NaiveDate::from_ymd_opt(2022, 4, 1).unwrap()
        );
        assert_eq!(parse_time("hôm qua", vietnam()), None);
    }

    #[test]
    fn html_titles_lose_tags_and_references() {
        assert_eq!(
            strip_html("<b>X&atilde; S&#417;n M&#7929;</b> &amp; Ph&ograve;ng"),
            "Xã Sơn Mỹ & Phòng"
        );
        assert_eq!(decode_references("a & b &x"), "a & b &x");
    }

    #[test]
    fn proxies_follow_the_environment_and_no_proxy() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let proxy = env(&[("HTTPS_PROXY", "http://proxy:3128")]);
        assert_eq!(
            proxy_for("https://hamtan.binhthuan.gov.vn/rss", &proxy).as_deref(),
            Some("http://proxy:3128")
        );
        assert_eq!(
            proxy_for("http://hamtan.binhthuan.gov.vn/rss", &proxy),
            None
        );
        let bypass = env(&[
            ("https_proxy", "http://proxy:3128"),
            ("NO_PROXY", "localhost, .gov.vn"),
        ]);
        assert_eq!(
            proxy_for("https://hamtan.binhthuan.gov.vn/rss", &bypass),
            None
        );
        assert_eq!(
            proxy_for("https://example.com/rss", &bypass).as_deref(),
            Some("http://proxy:3128")
        );
        let all = env(&[("ALL_PROXY", "http://p:1"), ("no_proxy", "*")]);
        assert_eq!(proxy_for("http://a.b/", &all), None);
        let all = env(&[("ALL_PROXY", "http://p:1"), ("no_proxy", "127.0.0.1")]);
        assert_eq!(proxy_for("http://127.0.0.1:8080/feed", &all), None);
        assert_eq!(
            proxy_for("http://user@a.b:80/", &all).as_deref(),
            Some("http://p:1")
        );
    }

    #[test]
    fn web_addresses_are_told_from_files() {
        assert!(is_web_address("HTTPS://hamtan.gov.vn/rss"));
        assert!(is_web_address("http://127.0.0.1:9/"));
        assert!(!is_web_address("tin-bai.xml"));
        assert!(!is_web_address("ftp://x"));
    }
}
