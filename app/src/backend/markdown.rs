//! Markdown for press releases, events and motivations: rendered once when saved, then cleaned
//! with ammonia so stored HTML is always safe to show.
use pulldown_cmark::{Options, Parser, html};

pub fn render(source: &str) -> String {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&out)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_markdown_and_strips_scripts() {
        let html = render(
            "# Rubrik\n\nText med **fetstil** och [länk](https://bra.se).\n\n<script>alert(1)</script>",
        );
        assert!(html.contains("<h1>Rubrik</h1>"));
        assert!(html.contains("<strong>fetstil</strong>"));
        assert!(html.contains("href=\"https://bra.se\""));
        assert!(!html.contains("<script"));
        let js = render("[x](javascript:alert(1))");
        assert!(!js.contains("javascript:"));
    }
}
