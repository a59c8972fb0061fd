fn main() {
    let _history = tidings::embedded_history!("no/such/schemas");
}
