//! The README shows real output: its schema is the one the derive generates for its example.

use tidings::{Avro, Event};

/// An order was placed by a customer.
#[derive(Event, Debug, PartialEq)]
#[event(type = "order.placed", version = 2, source = "order-service")]
#[avro(namespace = "com.acme.orders")]
pub struct OrderPlaced {
    pub order_id: uuid::Uuid,
    pub lines: Vec<Line>,
    pub note: Option<String>,
    #[avro(default = "USD")]
    pub currency: String,
}

/// One line of an order.
#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme.orders")]
pub struct Line {
    pub sku: String,
    pub quantity: u32,
}

fn readme() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    std::fs::read_to_string(path).expect("README.md at the workspace root")
}

/// The text of the first fenced block in `lang`.
fn first_block(text: &str, lang: &str) -> String {
    let fence = format!("```{lang}\n");
    let start = text.find(&fence).expect("a fenced block") + fence.len();
    let len = text[start..].find("```").expect("a closing fence");
    text[start..start + len].to_owned()
}

#[test]
fn the_readme_schema_is_the_generated_one() {
    let shown: serde_json::Value = serde_json::from_str(&first_block(&readme(), "json")).unwrap();
    assert_eq!(shown, tidings::schema_json::<OrderPlaced>());
}

#[test]
fn the_readme_example_is_this_file_s_example() {
    let shown = first_block(&readme(), "rust");
    let this_file = include_str!("readme.rs");
    let definitions = shown.split("\nlet ").next().unwrap().trim();
    let definitions = definitions
        .trim_start_matches("use tidings::{Avro, Event};")
        .trim();
    assert!(
        this_file.contains(definitions),
        "README example differs:\n{definitions}"
    );
}
