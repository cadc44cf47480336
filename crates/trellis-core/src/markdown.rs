//! User Markdown made safe to show in the app and to put in exported documents, as HTML
//! or as Markdown again, under one policy: raw HTML becomes visible text, only http(s)
//! and mailto links survive, images are shown as their alt text (an image URL would be a
//! network request), and reference definitions are resolved away.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// Renders user Markdown to inert HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        // Raw HTML is shown as the text the user typed, never interpreted: a block of it
        // as a code block, so it reads as what it is.
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::CodeBlock)),
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Some(Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        })),
        // The alt text inside stays as plain text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Keeps web and mail links; anything else (`javascript:`, `data:`, `file:`, relative
/// paths that would resolve inside the app) becomes an empty target.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("")
    }
}

/// The one URL policy: web and mail links only.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// Escapes text so Markdown reads it as text: no emphasis, link, image, heading, table,
/// HTML or reference definition can start inside it (a link or image needs an unescaped
/// `[`, so parentheses and `!` can stay as they are).
///
/// Text that opens a line (a list item's, a heading's) cannot start a block either: a
/// leading `-`, `+`, `=` or a number followed by `.` or `)` is escaped, so `1. x` or `---`
/// stays text inside a list item instead of opening a list or drawing a rule.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let lead = s.len() - s.trim_start().len();
    let (indent, rest) = s.split_at(lead);
    out.push_str(indent);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let s = if rest.starts_with(['-', '+', '=']) {
        out.push('\\');
        rest
    } else if digits > 0 && rest[digits..].starts_with(['.', ')']) {
        out.push_str(&rest[..digits]);
        out.push('\\');
        &rest[digits..]
    } else {
        rest
    };
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            // An escape or a bell is nothing a reader should receive.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders user Markdown back to Markdown under the same policy as `to_safe_html`: the
/// text keeps its emphasis, lists, code and web links; raw HTML, images, unsafe links and
/// reference definitions do not survive. The result is a series of lines without a
/// leading `>` (callers quote it).
pub fn to_safe_markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    // Open lists: `None` for bullets, `Some(n)` for the next number.
    let mut lists: Vec<Option<u64>> = vec![];
    let mut links: Vec<Option<String>> = vec![];
    let mut in_code_block = false;
    let newline = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    let blank = |out: &mut String| {
        if !out.is_empty() {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            if !out.ends_with("\n\n") {
                out.push('\n');
            }
        }
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) if lists.is_empty() => blank(&mut out),
            Event::End(TagEnd::Paragraph) => newline(&mut out),
            Event::Start(Tag::Heading { .. }) => {
                blank(&mut out);
                out.push_str("**");
            }
            Event::End(TagEnd::Heading(_)) => {
                out.push_str("**");
                newline(&mut out);
            }
            Event::Start(Tag::BlockQuote(_)) => blank(&mut out),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                blank(&mut out);
                out.push_str("````\n");
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                newline(&mut out);
                out.push_str("````\n");
                in_code_block = false;
            }
            Event::Start(Tag::List(start)) => {
                newline(&mut out);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                newline(&mut out);
            }
            Event::Start(Tag::Item) => {
                newline(&mut out);
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push_str("**"),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => {
                out.push_str("~~");
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if is_safe_url(&dest_url) {
                    out.push('[');
                    links.push(Some(dest_url.replace(['<', '>', ' ', '\n'], "")));
                } else {
                    links.push(None);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = links.pop() {
                    out.push_str(&format!("](<{url}>)"));
                }
            }
            // An image is its alt text: the text events inside carry it.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => newline(&mut out),
            Event::End(TagEnd::TableCell) => out.push_str(" \\| "),
            Event::Text(text) if in_code_block => {
                // Inside a fence nothing is interpreted; a fence of four backticks can
                // only be closed by a line of four or more, which we take away.
                out.push_str(&text.replace("````", "` ` ` `"));
            }
            Event::Html(text) if in_code_block => {
                out.push_str(&text.replace("````", "` ` ` `"));
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&escape_markdown(&text));
            }
            Event::Code(code) => {
                // A fence one backtick longer than the longest run inside can only be
                // closed by itself: the code stays code.
                let code = code.replace('\n', " ");
                let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest + 1);
                out.push_str(&format!("{fence} {code} {fence}"));
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("  \n"),
            Event::Rule => {
                blank(&mut out);
                out.push_str("* * *\n");
            }
            Event::TaskListMarker(done) => out.push_str(if done { "\\[x\\] " } else { "\\[ \\] " }),
            Event::FootnoteReference(name) => {
                out.push_str(&format!("\\[^{}\\]", escape_markdown(&name)));
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// User Markdown as plain lines of text, for documents that cannot show markup (the
/// PDF): list items get a bullet or their number, a safe link shows its address after
/// its text, an image its alt text; raw HTML is text like any other.
pub fn to_plain_lines(markdown: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    let mut line = String::new();
    let mut lists: Vec<Option<u64>> = vec![];
    let mut links: Vec<Option<String>> = vec![];
    let mut in_code = false;
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        if !line.trim().is_empty() {
            lines.push(std::mem::take(line).trim_end().to_string());
        }
        line.clear();
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::HardBreak
            | Event::Rule => flush(&mut line, &mut lines),
            Event::Start(Tag::List(start)) => {
                flush(&mut line, &mut lines);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut line, &mut lines);
                line.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        line.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => line.push_str("• "),
                }
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                flush(&mut line, &mut lines);
                in_code = true;
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                flush(&mut line, &mut lines);
                in_code = false;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(is_safe_url(&dest_url).then(|| dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = links.pop()
                    && !line.ends_with(url.as_str())
                {
                    line.push_str(&format!(" ({url})"));
                }
            }
            Event::End(TagEnd::TableCell) => line.push_str("  "),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) if in_code => {
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        flush(&mut line, &mut lines);
                    }
                    line.push_str(part);
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) | Event::Code(t) => {
                line.push_str(&t.replace('\n', " "));
            }
            Event::SoftBreak => line.push(' '),
            Event::TaskListMarker(done) => line.push_str(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    flush(&mut line, &mut lines);
    lines
}

#[cfg(test)]
mod tests {
    use super::{escape_markdown, to_plain_lines, to_safe_html, to_safe_markdown};

    #[test]
    fn text_opening_a_line_cannot_open_a_block() {
        for (text, want) in [
            ("1. first", "1\\. first"),
            ("12) twelve", "12\\) twelve"),
            ("---", "\\---"),
            ("- dash", "\\- dash"),
            ("+ plus", "\\+ plus"),
            ("=== ", "\\=== "),
            ("2026 was good. Yes", "2026 was good. Yes"),
            ("a - b 1. c", "a - b 1. c"),
        ] {
            assert_eq!(escape_markdown(text), want, "{text}");
            let html = to_safe_html(&format!("- {}", escape_markdown(text)));
            assert!(
                !html.contains("<ol") && !html.contains("<hr") && html.matches("<li>").count() == 1,
                "{text}: {html}"
            );
        }
    }

    #[test]
    fn plain_lines_read_like_the_text() {
        let lines = to_plain_lines(
            "# Plan\n\nWe **shipped** it, see [the PR](https://x.example/1) and [bad](javascript:x).\n\n- one\n- two\n\n```\nlet a = 1;\nlet b = 2;\n```",
        );
        assert_eq!(
            lines,
            [
                "Plan",
                "We shipped it, see the PR (https://x.example/1) and bad.",
                "• one",
                "• two",
                "let a = 1;",
                "let b = 2;",
            ]
        );
    }

    /// What a Markdown viewer would make of our safe Markdown: rendered by the same
    /// parser, without our filter, so anything that survives is really there.
    fn as_viewer_sees_it(md: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(md));
        out
    }

    #[test]
    fn safe_markdown_keeps_the_text_and_its_shape() {
        let md = to_safe_markdown(
            "# Plan\n\n*em*, **strong**, `code` and [docs](https://example.com/ab)\n\n- one\n- two\n\n1. first\n2. second",
        );
        let html = as_viewer_sees_it(&md);
        assert!(
            html.contains("<em>em</em>") && html.contains("<strong>strong</strong>"),
            "{md}\n{html}"
        );
        assert!(html.contains("<code>code</code>"), "{html}");
        assert!(
            html.contains("<li>one</li>") && html.contains("<li>first</li>"),
            "{html}"
        );
        assert!(html.contains("href=\"https://example.com/ab\""), "{html}");
    }

    #[test]
    fn code_with_backticks_stays_code() {
        let md = to_safe_markdown(
            "```` ```<img src=https://tracker.example/x.png onerror=alert(1)> ````",
        );
        let html = as_viewer_sees_it(&md);
        assert!(!html.contains("<img"), "{md}\n{html}");
        assert!(html.contains("&lt;img"), "shown as code text: {html}");
    }

    #[test]
    fn safe_markdown_drops_what_the_html_drops() {
        let hostile = "[a](javascript:alert(1)) [b](data:text/html,x) [c](file:///etc/passwd) [r][ref] ![p](https://tracker.example/p.png)\n\n[ref]: javascript:alert(2)\n\n<script>alert(3)</script>\n\n<img src=https://t.example/x.png onerror=alert(4)>\n\n```\n````\n<b>in code</b>\n```";
        let md = to_safe_markdown(hostile);
        let html = as_viewer_sees_it(&md);
        for bad in [
            "javascript:",
            "data:",
            "file:",
            "<script",
            "<img",
            "tracker.example",
            "<b>",
        ] {
            assert!(
                !html.to_lowercase().contains(bad),
                "{bad} survived:\n{md}\n{html}"
            );
        }
        assert!(
            !md.contains("[ref]:"),
            "no reference definition survives: {md}"
        );
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {html}"
        );
        assert!(md.contains('p'), "the image's alt text stays");
    }

    #[test]
    fn markdown_renders() {
        let html = to_safe_html("# Title\n\n*em* and **strong**\n\n- a\n- b");
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(
            html.contains("<em>em</em>") && html.contains("<li>a</li>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_and_scripts_become_text() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(2)> <b onclick=\"x()\">b</b>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "shown as text: {html}");
    }

    #[test]
    fn only_web_and_mail_links_survive() {
        let html = to_safe_html(
            "[a](javascript:alert(1)) [b](https://example.com) [c](data:text/html,x) [d](JAVASCRIPT:x) [e](mailto:a@b.c)",
        );
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.c\""), "{html}");
    }

    #[test]
    fn images_are_not_fetched() {
        let html = to_safe_html("![diagram](https://tracker.example.com/pixel.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("diagram"), "alt text stays: {html}");
    }
}
