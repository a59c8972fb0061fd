use tidings::Event;

mod v1 {
    #[derive(tidings::Event)]
    #[event(type = "order.placed", version = 1)]
    pub struct OrderPlaced {
        pub amount: i64,
    }
}

#[derive(Event)]
#[event(type = "order.placed", version = 2, upcast_from = v1::OrderPlaced)]
struct OrderPlaced {
    amount: u32,
}

// `()` says nothing about why: a refused upcast must carry an error.
impl TryFrom<v1::OrderPlaced> for OrderPlaced {
    type Error = ();

    fn try_from(old: v1::OrderPlaced) -> Result<Self, ()> {
        Ok(OrderPlaced { amount: u32::try_from(old.amount).map_err(|_| ())? })
    }
}

fn main() {}
