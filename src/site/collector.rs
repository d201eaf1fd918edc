//! The centre's collector on the page (`kb site --report-to URL`): the
//! `<meta name="cuecard-report-to">` the desk sends its record to, and the collector's origin
//! in the Content-Security-Policy's `connect-src`, the one place the page may then reach.

use super::html::PageProblem;

const META: &str = "<meta name=\"cuecard-report-to\"";
const CONNECT: &str = "connect-src 'self'";

/// Why a collector's address is refused (`PageProblem::ReportTo`).
fn refuse(url: &str, why: &'static str) -> PageProblem {
    PageProblem::ReportTo {
        url: url.to_string(),
        why,
    }
}

/// The origin the page must be allowed to reach for `url` (`None` for a path on the site
/// itself, which `'self'` allows already).
fn origin(url: &str) -> Result<Option<&str>, PageProblem> {
    if url.is_empty() {
        return Err(refuse(url, "it is empty"));
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || "\"'<>;,\\".contains(c))
    {
        return Err(refuse(url, "it holds a space, a quote, <, >, ; , or \\"));
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return Ok(None);
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| refuse(url, "expected https://… (or a path on this site, /…)"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if host_end == 0 || rest[..host_end].contains('@') {
        return Err(refuse(
            url,
            "expected a host after the scheme, without a user name",
        ));
    }
    Ok(Some(&url[..url.len() - rest.len() + host_end]))
}

/// The page with its collector set to `url`: the meta tag (written or replaced) and the
/// collector's origin in `connect-src`. Refused: anything but an http(s) address or a path,
/// and a page whose policy has no `connect-src 'self'` to extend.
pub fn with_report_to(page: &str, url: &str) -> Result<String, PageProblem> {
    let origin = origin(url)?;
    let tag = format!("{META} content=\"{url}\">");
    let mut out = match page.find(META) {
        Some(start) => {
            let end = start + page[start..].find('>').ok_or(PageProblem::NoPolicy)? + 1;
            format!("{}{tag}{}", &page[..start], &page[end..])
        }
        None => {
            let at = page
                .find("<title>")
                .or_else(|| page.find("</head>"))
                .ok_or(PageProblem::NoPolicy)?;
            format!("{}{tag}\n  {}", &page[..at], &page[at..])
        }
    };
    if let Some(origin) = origin {
        let policy = out
            .find("http-equiv=\"Content-Security-Policy\"")
            .ok_or(PageProblem::NoPolicy)?;
        let at = out[policy..]
            .find(CONNECT)
            .map(|i| policy + i + CONNECT.len())
            .ok_or_else(|| refuse(url, "the page's policy has no connect-src 'self' to extend"))?;
        let directive_end = at + out[at..].find([';', '"']).unwrap_or(0);
        let listed = out[at..directive_end]
            .split_whitespace()
            .any(|o| o == origin);
        if !listed {
            out.insert_str(at, &format!(" {origin}"));
        }
    }
    Ok(out)
}

/// The collector a page names, if any.
pub fn report_to(page: &str) -> Option<&str> {
    let tag = &page[page.find(META)?..];
    let content = tag[..tag.find('>')?].split_once(" content=\"")?.1;
    Some(content.split_once('"')?.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::check_page;

    /// The real page, as Trunk gets it.
    const PAGE: &str = include_str!("../../index.html");

    #[test]
    fn the_collector_is_named_and_only_its_origin_joins_connect_src() {
        let page = with_report_to(PAGE, "https://logs.example:8443/cuecard?desk=1").unwrap();
        assert_eq!(
            report_to(&page),
            Some("https://logs.example:8443/cuecard?desk=1")
        );
        assert!(
            page.contains("connect-src 'self' https://logs.example:8443;"),
            "{page}"
        );
        check_page(&page).unwrap();
        // Set again: one tag, one origin, the new address.
        let again = with_report_to(&page, "https://logs.example:8443/v2").unwrap();
        assert_eq!(again.matches(META).count(), 1);
        assert_eq!(again.matches("https://logs.example:8443").count(), 2);
        assert_eq!(report_to(&again), Some("https://logs.example:8443/v2"));
        // A path on the site itself: 'self' allows it already.
        let own = with_report_to(PAGE, "/cuecard-report").unwrap();
        assert!(own.contains("connect-src 'self';"), "{own}");
        assert_eq!(report_to(PAGE), None);
    }

    #[test]
    fn an_address_that_is_not_a_collector_s_is_refused_with_the_reason() {
        for (url, why) in [
            ("", "it is empty"),
            ("ftp://x/", "expected https://"),
            ("logs.example/c", "expected https://"),
            ("//logs.example/c", "expected https://"),
            ("https://a\" onload=\"x", "a quote"),
            ("https://x; script-src *", "a space"),
            ("https:///path", "expected a host"),
            ("https://user@x/", "without a user name"),
        ] {
            let e = with_report_to(PAGE, url).unwrap_err().to_string();
            assert!(e.contains(why), "{url}: {e}");
        }
    }
}
