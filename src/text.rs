//! Text as it comes in and as it goes out.
//!
//! In: every text a person types or a file brings (titles, references, names in the
//! plan) is stored NFC (what Unikey's "Unicode tổ hợp" mode types becomes the same
//! text as its precomposed form); tabs and line breaks become one space; zero-width
//! and bidi-control characters, which hide or reorder text, are removed; any other
//! control character is refused.
//!
//! Out: whatever a data file holds reaches a terminal only through [`printable`],
//! which shows control characters as escapes (as ripgrep shows what it prints), so
//! a hand-edited file cannot move the cursor, retitle the window or clear the screen.
//!
//! And for duplicates: titles compare folded ([`fold_title`]: case and runs of
//! space, diacritics kept — "Tân" is not "Tấn"), URLs normalised ([`normalize_url`]).
//!
//! And for links: only a web link ([`is_web_link`]) becomes a live link in a
//! document, and a web address is stored without a password ([`without_credentials`]).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Characters that are invisible or reorder text: zero-width ones and bidi
/// controls. They are removed at input and escaped at output.
fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{061C}' // Arabic letter mark
        | '\u{FEFF}' // zero-width no-break space (a BOM inside text)
        | '\u{00AD}' // soft hyphen
    )
}

/// Characters that break a line or a table cell.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The control character that keeps a text from being stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlCharacter(pub char);

impl ControlCharacter {
    /// How it is named: `U+001B`.
    pub fn code(self) -> String {
        format!("U+{:04X}", self.0 as u32)
    }
}

impl std::fmt::Display for ControlCharacter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "holds the control character {}; type it as plain text",
            self.code()
        )
    }
}

/// A text field as it is stored: NFC, line breaks and tabs as spaces, hidden
/// characters removed; the error names the first other control character.
pub fn normalize_input(text: &str) -> Result<String, ControlCharacter> {
    // Hidden characters go before composing: "a\u{200B}\u{302}" is "â" once the
    // zero-width space is gone (regression: fuzz/regressions/text/crash-eab87925…).
    let mut visible = String::with_capacity(text.len());
    for c in text.chars() {
        if is_line_break(c) {
            visible.push(' ');
        } else if is_hidden(c) {
            continue;
        } else if c.is_control() {
            return Err(ControlCharacter(c));
        } else {
            visible.push(c);
        }
    }
    Ok(visible.nfc().collect())
}

/// Whether stored text is as [`normalize_input`] would have left it (for `verify`).
pub fn is_normalized(text: &str) -> bool {
    normalize_input(text).is_ok_and(|n| n == text)
}

/// Text from a file made safe for a terminal: control and hidden characters shown
/// as `\u{…}` escapes (`\n` kept, so messages keep their lines).
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n') || is_hidden(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A title as duplicates compare it: NFC, hidden characters removed, lower case,
/// runs of white space folded to one space; diacritics kept.
///
/// One pass and one allocation for the usual title (an import compares it with
/// every article in force); [`fold_title_reference`] is the plain definition, and
/// a property test holds the two equal.
pub fn fold_title(title: &str) -> String {
    // Final sigma depends on the letters around it: str::to_lowercase knows that,
    // char::to_lowercase does not.
    if title.contains('Σ') {
        return fold_title_reference(title);
    }
    let mut folded = String::with_capacity(title.len());
    let mut space = false;
    // ASCII first: most of a Vietnamese title, and nothing in it is hidden.
    for c in title.chars().filter(|c| c.is_ascii() || !is_hidden(*c)) {
        if c.is_whitespace() {
            space = !folded.is_empty();
            continue;
        }
        if space {
            folded.push(' ');
            space = false;
        }
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    // Composed last: lower case can make a pair that composes ("T\u{308}" has no
    // capital form, "t\u{308}" is "ẗ"; regression fuzz/regressions/text/crash-bd0703eb…).
    match unicode_normalization::is_nfc_quick(folded.chars()) {
        unicode_normalization::IsNormalized::Yes => folded,
        _ => folded.nfc().collect(),
    }
}

/// [`fold_title`] as first written: each step on its own.
pub fn fold_title_reference(title: &str) -> String {
    let visible: String = title.chars().filter(|c| !is_hidden(*c)).collect();
    let folded = visible
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    folded.nfc().collect()
}

/// A URL as duplicates compare it: scheme and host in lower case, no trailing `/`,
/// no `#fragment` unless the fragment is a route.
///
/// A fragment is a place in one page (`#top`), except on portals whose pages are
/// routed in the browser (`…/#/tin-tuc/123`, `…/#!/tin-tuc/123`): there the
/// fragment *is* the page, so one that starts with `/` or `!/` is kept.
pub fn normalize_url(url: &str) -> String {
    // Regression (fuzz/regressions/text/crash-7fc885e8…): white space before a
    // `#fragment` or a trailing `/` survived one pass, so the result was no fixed point.
    let trim_end = |s: &str| {
        s.trim_end_matches(|c: char| c == '/' || c.is_whitespace())
            .to_string()
    };
    let url = url.trim();
    let (url, route) = match url.split_once('#') {
        Some((before, fragment)) => {
            let fragment = trim_end(fragment);
            let is_route = fragment.starts_with('/') || fragment.starts_with("!/");
            (before, is_route.then_some(fragment))
        }
        None => (url, None),
    };
    let base = match url.split_once("://") {
        None => trim_end(url),
        Some((scheme, rest)) => {
            let (host, path) = match rest.find(['/', '?']) {
                Some(i) => rest.split_at(i),
                None => (rest, ""),
            };
            trim_end(&format!(
                "{}://{}{path}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase()
            ))
        }
    };
    match route {
        Some(route) => format!("{base}#{route}"),
        None => base,
    }
}

/// Whether a stored URL is a web link (`http` or `https`, with a host), parsed as
/// browsers parse it (the `url` crate, WHATWG URL): only such a link is made live in
/// a document. `javascript:`, `file:`, `data:` and the like are not.
pub fn is_web_link(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// `url` without a user name or password (`https://user:secret@host/…` →
/// `https://host/…`), `None` when it has none. The rest of the text is kept as it was.
pub fn without_credentials(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let at = rest[..authority_end].rfind('@')?;
    Some(format!("{scheme}://{}", &rest[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The one-pass fold is the plain definition, on text full of what makes
        /// folding hard: capitals, combining marks, hidden characters, odd spaces.
        #[test]
        fn the_fast_fold_is_the_reference_fold(
            title in proptest::collection::vec(
                prop::sample::select(vec![
                    'a', 'T', 'Đ', 'đ', 'Ấ', 'ơ', 'Ư', 'İ', 'ẞ', 'Σ', 'σ', 'ǅ', 'ﬃ',
                    '\u{301}', '\u{302}', '\u{308}', '\u{323}', '\u{200B}', '\u{202E}',
                    ' ', '\t', '\u{a0}', '\u{3000}', '\n',
                ]),
                0..24,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(fold_title(&title), fold_title_reference(&title));
        }
    }

    #[test]
    fn input_is_nfc_with_breaks_as_spaces_and_hidden_characters_gone() {
        // "Tấn" typed as decomposed (NFD) letters becomes the precomposed text.
        let nfd = "Ta\u{0302}\u{0301}n";
        assert_eq!(normalize_input(nfd).unwrap(), "Tấn");
        assert_eq!(normalize_input("a\tb\r\nc").unwrap(), "a b  c");
        assert_eq!(normalize_input("Sơn\u{200B} Mỹ\u{202E}").unwrap(), "Sơn Mỹ");
        let err = normalize_input("x\u{1b}]0;pwned\u{7}").unwrap_err();
        assert_eq!(err.code(), "U+001B");
        assert!(err.to_string().contains("U+001B"), "{err}");
        assert!(is_normalized("Tấn"));
        assert!(!is_normalized(nfd));
    }

    #[test]
    fn printable_escapes_what_a_terminal_would_obey() {
        assert_eq!(printable("plain Tấn"), "plain Tấn");
        assert_eq!(printable("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(printable("x\u{202E}y\rz\nw"), "x\\u{202e}y\\u{d}z\nw");
    }

    #[test]
    fn duplicates_fold_case_and_space_but_keep_diacritics() {
        assert_eq!(fold_title("  Xã  SƠN Mỹ\u{200B} "), "xã sơn mỹ");
        assert_eq!(fold_title("Ta\u{0302}\u{0301}n"), fold_title("Tấn"));
        assert_ne!(fold_title("Tân"), fold_title("Tấn"));
        // A hidden character between a letter and its mark.
        assert_eq!(fold_title("ta\u{200B}\u{302}"), "tâ");
        assert_eq!(fold_title("T\u{308}"), "ẗ");
        assert_eq!(fold_title("ΟΔΟΣ ΣΟΣ"), fold_title_reference("ΟΔΟΣ ΣΟΣ"));
        assert_eq!(normalize_input("ta\u{200B}\u{302}").unwrap(), "tâ");
    }

    #[test]
    fn a_route_in_the_fragment_is_part_of_the_page() {
        let a = normalize_url("https://cong.vn/#/tin-tuc/123");
        let b = normalize_url("https://cong.vn/#/tin-tuc/124");
        assert_ne!(a, b);
        assert_eq!(a, "https://cong.vn#/tin-tuc/123");
        assert_eq!(normalize_url("HTTPS://Cong.vn#/tin-tuc/123/"), a);
        assert_ne!(
            normalize_url("https://cong.vn/#!/tin/1"),
            normalize_url("https://cong.vn/#!/tin/2")
        );
        // A place in the page is not a route.
        assert_eq!(
            normalize_url("https://cong.vn/tin/1#binh-luan"),
            normalize_url("https://cong.vn/tin/1")
        );
        for odd in [
            "x#/",
            "#/a/ ",
            "a #!/b",
            "https://e.vn/#//",
            "https://e.vn/#/a#/b/",
        ] {
            let once = normalize_url(odd);
            assert_eq!(normalize_url(&once), once, "{odd:?}");
        }
    }

    #[test]
    fn only_http_and_https_links_with_a_host_are_web_links() {
        for web in ["https://e.vn/a", "HTTP://E.vn", "https://xã.vn/tin?id=1#/x"] {
            assert!(is_web_link(web), "{web}");
        }
        for not in [
            "javascript:alert(1)",
            "JavaScript://e.vn/%0Aalert(1)",
            "file:///etc/passwd",
            "data:text/html,<b>x</b>",
            "mailto:a@e.vn",
            "https://",
            "e.vn/tin",
            "",
        ] {
            assert!(!is_web_link(not), "{not}");
        }
    }

    #[test]
    fn credentials_are_taken_out_of_an_address_and_nothing_else() {
        assert_eq!(
            without_credentials("https://user:pass@e.vn/a?b=c@d").as_deref(),
            Some("https://e.vn/a?b=c@d")
        );
        assert_eq!(
            without_credentials("http://a@b:p@ss@e.vn:8080/").as_deref(),
            Some("http://e.vn:8080/")
        );
        assert_eq!(without_credentials("https://e.vn/u@x"), None);
        assert_eq!(without_credentials("https://e.vn/#@x"), None);
    }

    #[test]
    fn urls_compare_without_case_of_scheme_and_host_fragment_or_trailing_slash() {
        let same = [
            "https://example.gov.vn/tin/1",
            "HTTPS://Example.GOV.vn/tin/1/",
            "https://example.gov.vn/tin/1#top",
        ];
        for url in same {
            assert_eq!(normalize_url(url), "https://example.gov.vn/tin/1", "{url}");
        }
        assert_ne!(
            normalize_url("https://e.vn/Tin/1"),
            normalize_url("https://e.vn/tin/1")
        );
        assert_eq!(normalize_url("https://e.vn/?id=3"), "https://e.vn/?id=3");
        for odd in [
            "Ta\u{302} #x",
            "https://e.vn/a /",
            "https://E.vn/ #",
            "x://y://Z/",
        ] {
            let once = normalize_url(odd);
            assert_eq!(normalize_url(&once), once, "{odd:?}");
        }
    }
}
