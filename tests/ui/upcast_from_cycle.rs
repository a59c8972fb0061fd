use tidings::Event;

// Each names the other as its previous version.
#[derive(Event)]
#[event(type = "order.placed", version = 2, upcast_from = OrderPlacedV3)]
struct OrderPlacedV2 {
    order_id: String,
}

#[derive(Event)]
#[event(type = "order.placed", version = 3, upcast_from = OrderPlacedV2)]
struct OrderPlacedV3 {
    order_id: String,
}

impl From<OrderPlacedV3> for OrderPlacedV2 {
    fn from(event: OrderPlacedV3) -> Self {
        OrderPlacedV2 { order_id: event.order_id }
    }
}

impl From<OrderPlacedV2> for OrderPlacedV3 {
    fn from(event: OrderPlacedV2) -> Self {
        OrderPlacedV3 { order_id: event.order_id }
    }
}

fn main() {}
