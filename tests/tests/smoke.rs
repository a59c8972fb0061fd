use std::collections::HashMap;
use tidings::{Avro, Event, Timestamp};

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
    pub at: Timestamp,
    #[avro(timestamp = "millis")]
    pub at_ms: Option<Timestamp>,
    pub payment: Payment,
    pub maybe_payment: Option<Payment>,
    pub status: Status,
    pub tags: HashMap<String, Vec<u8>>,
    pub hash: [u8; 4],
    pub next: Option<Box<Node>>,
}

#[derive(Avro, Debug, PartialEq)]
#[avro(namespace = "com.acme.orders")]
pub struct Line {
    pub sku: Sku,
    pub quantity: u32,
}

#[derive(Avro, Debug, PartialEq)]
pub struct Sku(String);

#[derive(Avro, Debug, PartialEq)]
pub enum Payment {
    Card { last4: String },
    Cash,
    Voucher(Line),
}

#[derive(Avro, Debug, PartialEq, Default)]
#[avro(default = "Unknown")]
pub enum Status {
    #[default]
    Unknown,
    Open,
}

#[derive(Avro, Debug, PartialEq)]
pub struct Node {
    pub value: i32,
    pub next: Option<Box<Node>>,
}

#[test]
fn smoke() {
    println!("{}", tidings::avsc::<OrderPlaced>());
    let _ = OrderPlaced::schema();
    let v = OrderPlaced {
        order_id: uuid::Uuid::nil(),
        lines: vec![Line {
            sku: Sku("a".into()),
            quantity: 2,
        }],
        note: Some("n".into()),
        currency: "EUR".into(),
        at: Timestamp::from_unix_micros(5),
        at_ms: Some(Timestamp::from_unix_millis(7).unwrap()),
        payment: Payment::Card {
            last4: "1234".into(),
        },
        maybe_payment: Some(Payment::Voucher(Line {
            sku: Sku("x".into()),
            quantity: 1,
        })),
        status: Status::Open,
        tags: HashMap::from([("k".to_owned(), vec![1, 2, 3])]),
        hash: [1, 2, 3, 4],
        next: Some(Box::new(Node {
            value: 1,
            next: Some(Box::new(Node {
                value: 2,
                next: None,
            })),
        })),
    };
    let bytes = tidings::encode(&v).unwrap();
    assert_eq!(tidings::decode::<OrderPlaced>(&bytes).unwrap(), v);
    for e in tidings::catalog::events() {
        println!("{} {}:{}", e.avro_name(), e.file(), e.line());
    }
    assert_eq!(
        <OrderPlaced as Event>::AVRO_NAME,
        "com.acme.orders.v2.OrderPlaced"
    );
}
