//! The upcaster from `v1::OrderPlaced` to `v2::OrderPlaced`: how a consumer of v2 reads the
//! orders placed before v2 existed.

use crate::{Channel, Customer, Line, Sku, v1, v2};
use rust_decimal::Decimal;
use std::fmt;
use tidings::Timestamp;

/// Why a v1 order cannot become a v2 order: v1 kept items as free text, and not every text
/// reads as a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableOrder {
    /// The order.
    pub order_id: uuid::Uuid,
    /// What could not be read.
    pub reason: String,
}

impl fmt::Display for UnreadableOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "v1 order {} cannot become v2: {}",
            self.order_id, self.reason
        )
    }
}

impl std::error::Error for UnreadableOrder {}

/// v2 replaced the free-text `items` with structured `lines`, and added what v1 did not record.
impl TryFrom<v1::OrderPlaced> for v2::OrderPlaced {
    type Error = UnreadableOrder;

    fn try_from(old: v1::OrderPlaced) -> Result<Self, UnreadableOrder> {
        let refuse = |reason: String| UnreadableOrder {
            order_id: old.order_id,
            reason,
        };
        let lines = old
            .items
            .iter()
            .map(|item| {
                line(item).ok_or_else(|| {
                    refuse(format!(
                        "the item `{item}` is not `{{quantity}} x {{sku}} @ {{unit price}}`"
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        // v1 order IDs are version 7 UUIDs, which hold the time they were made.
        let placed_at = old
            .order_id
            .get_timestamp()
            .map(|ts| {
                let (seconds, nanos) = ts.to_unix();
                Timestamp::from_unix_micros(seconds as i64 * 1_000_000 + i64::from(nanos / 1_000))
            })
            .ok_or_else(|| refuse("its ID is not a version 7 UUID, so it has no time".into()))?;
        Ok(v2::OrderPlaced {
            order_id: old.order_id,
            // v1 did not record the customer's account: the nil UUID says so.
            customer: Customer {
                id: uuid::Uuid::nil(),
                display_name: old.customer_name.unwrap_or_default(),
            },
            lines,
            channel: Channel::Unknown,
            note: None,
            // Every v1 amount was in US cents.
            currency: "USD".into(),
            placed_at,
        })
    }
}

/// `2 x B-42 @ 19.99` as a line.
fn line(item: &str) -> Option<Line> {
    let (quantity, rest) = item.split_once(" x ")?;
    let (sku, price) = rest.split_once(" @ ")?;
    Some(Line {
        sku: Sku(sku.trim().to_owned()),
        quantity: quantity.trim().parse().ok()?,
        unit_price: price.trim().parse::<Decimal>().ok()?,
    })
}
