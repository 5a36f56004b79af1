-- The relay asks per consumer for the undelivered events of one type since a moment (and counts them for its backlog
-- gauge) every poll. Through events_created_at alone each ask read every event since then, of all types: with a
-- busy invoice worker (a dozen invoice events per invoice, none of them consumed in-process) that was thousands of
-- rows per invoice. By type first, an ask reads only the events of the consumer's type.
CREATE INDEX events_type_created_at ON outbox.events (type, created_at);
