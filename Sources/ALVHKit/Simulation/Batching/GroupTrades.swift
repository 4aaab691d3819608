/// What a lockstep group's trades price together: monetise candidates, the
/// cycle's condors and its scheduled hedge purchases. One per worker.
struct GroupTrades {
    var sales = SaleCandidates()
    var opens = CondorOpens()
    var purchases = PurchaseOrders()
}
